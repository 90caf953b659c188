// The contract of the counting tables (hourly buckets, counter event windows), run by every
// backend with the rest of StoreContractTest.

#include "store_contract.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <thread>
#include <vector>

namespace coursedist::storage::testing {
namespace {

using ::testing::ElementsAre;

constexpr const char* kId = "dist_00000000000000aa";

BucketCount bucket(std::int64_t hour, Counter counter, std::string category, std::int64_t count,
                   std::string variant = "") {
    return BucketCount{kId, hour, counter, std::move(category), std::move(variant), count};
}

void add_committed(Store& store, const std::vector<BucketCount>& buckets) {
    auto tx = store.begin_write();
    for (const auto& b : buckets) tx->add_to_bucket(b);
    tx->commit();
}

CounterWindow window(Counter counter, std::string category, std::int64_t count, std::int64_t total,
                     double at, std::string slug = "kurs") {
    return CounterWindow{kId,
                         std::move(slug),
                         counter,
                         std::move(category),
                         count,
                         total,
                         at,
                         at,
                         std::string("req-") + std::to_string(total)};
}

TEST_P(StoreContractTest, BucketsAddUpPerHourCounterCategoryAndVariant) {
    add_committed(*store_,
                  {bucket(10, Counter::Views, "direct", 2), bucket(10, Counter::Views, "direct", 3),
                   bucket(10, Counter::Views, "social", 1),
                   bucket(10, Counter::Enrollments, "open_course", 4),
                   bucket(10, Counter::Enrollments, "open_course", 1, "b"),
                   bucket(11, Counter::Views, "direct", 7)});

    auto tx = store_->begin_read();
    EXPECT_THAT(tx->buckets_of(kId, 10, 11),
                ElementsAre(bucket(10, Counter::Enrollments, "open_course", 4),
                            bucket(10, Counter::Enrollments, "open_course", 1, "b"),
                            bucket(10, Counter::Views, "direct", 5),
                            bucket(10, Counter::Views, "social", 1)));
    EXPECT_THAT(tx->buckets_of(kId, 11, 12), ElementsAre(bucket(11, Counter::Views, "direct", 7)));
    EXPECT_TRUE(tx->buckets_of("dist_other", 0, 100).empty());
}

TEST_P(StoreContractTest, ConcurrentBucketAddsLoseNothing) {
    constexpr int kThreads = 4, kEach = 25;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < kEach; ++i)
                add_committed(*store_, {bucket(5, Counter::Views, "", 1)});
        });
    for (auto& t : threads) t.join();
    EXPECT_THAT(store_->begin_read()->buckets_of(kId, 0, 10),
                ElementsAre(bucket(5, Counter::Views, "", kThreads * kEach)));
}

TEST_P(StoreContractTest, PruningDeletesOnlyOlderBucketsInBoundedSteps) {
    std::vector<BucketCount> buckets;
    for (int hour = 0; hour < 7; ++hour) buckets.push_back(bucket(hour, Counter::Views, "", 1));
    add_committed(*store_, buckets);

    auto tx = store_->begin_write();
    EXPECT_EQ(tx->prune_buckets(5, 3), 3);
    EXPECT_EQ(tx->prune_buckets(5, 3), 2);
    EXPECT_EQ(tx->prune_buckets(5, 3), 0);
    tx->commit();
    EXPECT_EQ(store_->begin_read()->buckets_of(kId, 0, 100).size(), 2u);
}

TEST_P(StoreContractTest, AWindowAddsUpKeepsItsOpeningAndTakesTheLaterTotals) {
    {
        auto tx = store_->begin_write();
        EXPECT_FALSE(tx->earliest_window());
        tx->add_to_window(window(Counter::Views, "direct", 2, 12, 100.0, "old-slug"));
        tx->add_to_window(window(Counter::Views, "direct", 3, 15, 100.5, "new-slug"));
        tx->add_to_window(window(Counter::Views, "social", 1, 13, 101.0));
        tx->add_to_window(window(Counter::Enrollments, "", 1, 1, 102.0));
        tx->commit();
    }
    auto tx = store_->begin_write();
    EXPECT_EQ(tx->earliest_window(), 100.0);
    auto due = tx->take_windows(101.0);
    std::sort(due.begin(), due.end(),
              [](const auto& a, const auto& b) { return a.opened_at < b.opened_at; });
    ASSERT_EQ(due.size(), 2u);
    EXPECT_EQ(due[0].category, "direct");
    EXPECT_EQ(due[0].count, 5);
    EXPECT_EQ(due[0].total, 15);
    EXPECT_EQ(due[0].slug, "new-slug");
    EXPECT_EQ(due[0].opened_at, 100.0);
    EXPECT_EQ(due[0].last_at, 100.5);
    EXPECT_EQ(due[0].correlation_id, "req-12");  // the first count's
    EXPECT_EQ(due[1].category, "social");
    EXPECT_EQ(tx->earliest_window(), 102.0);
    EXPECT_TRUE(tx->take_windows(101.0).empty());  // taken: gone
    tx->commit();

    auto of = store_->begin_write();
    EXPECT_TRUE(of->take_windows_of("dist_other").empty());
    auto left = of->take_windows_of(kId);
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].counter, Counter::Enrollments);
    EXPECT_FALSE(of->earliest_window());
    of->commit();
}

TEST_P(StoreContractTest, AnUncommittedWindowIsNotKept) {
    {
        auto tx = store_->begin_write();
        tx->add_to_window(window(Counter::Views, "", 1, 1, 1.0));
        tx->add_to_bucket(bucket(1, Counter::Views, "", 1));
    }  // rolled back
    auto tx = store_->begin_read();
    EXPECT_FALSE(tx->earliest_window());
    EXPECT_TRUE(tx->buckets_of(kId, 0, 10).empty());
}

}  // namespace
}  // namespace coursedist::storage::testing
