// What a counted view or click leaves besides its counter (analytics.md): its hourly bucket, in
// the counter's own transaction, and its event: one per count without a window, one coalesced
// event per distribution, counter and category per window with one.

#include "service/counter_upkeep.hpp"
#include "service/service_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <map>
#include <thread>

namespace coursedist::service {
namespace {

using namespace testing;
using storage::Counter;
using ::testing::ElementsAre;

constexpr std::int64_t kStartHour = static_cast<std::int64_t>(kStart / 3600);

class CounterSeries : public ServiceTest {
  protected:
    explicit CounterSeries(ServiceOptions options = {}) : ServiceTest(options) {}

    // (hour offset, kind, category, variant) → count, over the first two days.
    std::map<std::tuple<std::int64_t, std::string, std::string, std::string>, std::int64_t> buckets(
        const std::string& id) {
        std::map<std::tuple<std::int64_t, std::string, std::string, std::string>, std::int64_t> out;
        for (const auto& b : store->begin_read()->buckets_of(id, kStartHour, kStartHour + 48))
            out[{b.hour - kStartHour, std::string(storage::counter_kind(b.counter)), b.category,
                 b.variant}] = b.count;
        return out;
    }

    std::int64_t bucket_sum(const std::string& id, Counter counter) {
        std::int64_t sum = 0;
        for (const auto& b : store->begin_read()->buckets_of(id, 0, kStartHour + 10'000))
            if (b.counter == counter) sum += b.count;
        return sum;
    }

    // The sum of the `count`s of the committed events of this type.
    static std::int64_t event_count_sum(const std::vector<CommittedEvent>& events,
                                        const std::string& type) {
        std::int64_t sum = 0;
        for (const auto& e : events)
            if (e.type == type) sum += e.payload.at("count").as_int64();
        return sum;
    }
};

TEST_F(CounterSeries, EachCountGoesToItsHourAndCategory) {
    auto d = create();
    auto variant_click = CounterWrite::click(d.distribution_id, "open_course");
    variant_click.variant = "b";

    service.count(CounterWrite::view(d.distribution_id, "organic_search"), ctx);
    service.count(CounterWrite::view(d.distribution_id, "organic_search"), ctx);
    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);
    service.count(CounterWrite::click(d.distribution_id, "open_course"), ctx);
    service.count(variant_click, ctx);
    now += 3600;
    service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);

    using Key = std::tuple<std::int64_t, std::string, std::string, std::string>;
    EXPECT_EQ(buckets(d.distribution_id),
              (std::map<Key, std::int64_t>{{{0, "click", "open_course", ""}, 1},
                                           {{0, "click", "open_course", "b"}, 1},
                                           {{0, "view", "", ""}, 1},
                                           {{0, "view", "organic_search", ""}, 2},
                                           {{1, "view", "direct", ""}, 1}}));
}

TEST_F(CounterSeries, ConcurrentCountsKeepBucketsEqualToTheCounters) {
    auto page = create_published("sparen");
    constexpr int kThreads = 4, kEach = 50;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const auto category = (i + t) % 2 ? "social" : "direct";
                service.count(CounterWrite::page_view("sparen", category), ctx);
                if (i % 5 == 0)
                    service.count(CounterWrite::page_click("sparen", "open_course"), ctx);
            }
        });
    for (auto& t : threads) t.join();

    const auto counted = service.get(page.distribution_id);
    EXPECT_EQ(counted.view_count, kThreads * kEach);
    EXPECT_EQ(bucket_sum(page.distribution_id, Counter::Views), counted.view_count);
    EXPECT_EQ(bucket_sum(page.distribution_id, Counter::Enrollments), counted.enrollment_count);
    const auto events = new_events();
    EXPECT_EQ(event_count_sum(events, "distribution.viewed"), counted.view_count);
}

TEST_F(CounterSeries, WithoutAWindowEachCountIsOneEventOfCountOne) {
    auto d = create();
    new_events();
    for (int i = 0; i < 3; ++i) service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
    auto events = new_events();
    ASSERT_EQ(events.size(), 3u);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(events[i].payload.at("count"), 1);
        EXPECT_EQ(events[i].payload.at("view_count"), i + 1);
    }
    EXPECT_FALSE(service.close_counter_windows());  // nothing was left open
}

class CoalescedCounters : public CounterSeries {
  protected:
    CoalescedCounters() : CounterSeries(ServiceOptions{60}) {}
};

TEST_F(CoalescedCounters, CountsWithinAWindowBecomeOneEventPerCategoryOnceItCloses) {
    auto d = create();
    new_events();
    service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
    now += 10;
    service.count(CounterWrite::view(d.distribution_id, "social"),
                  RequestContext{std::string("req-2"), "admin"});
    now += 10;
    service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
    service.count(CounterWrite::click(d.distribution_id, "open_course"), ctx);
    EXPECT_TRUE(new_events().empty());  // the counts are committed; their events wait

    // Before a window has passed nothing is due; the answer says when the first window is.
    EXPECT_EQ(service.close_counter_windows(), kStart + 60);
    EXPECT_TRUE(new_events().empty());

    now = kStart + 60;
    EXPECT_EQ(service.close_counter_windows(), kStart + 10 + 60);  // "social" opened at +10
    auto first = new_events();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].type, "distribution.viewed");
    EXPECT_EQ(first[0].envelope.at("correlation_id"), "req-1");
    EXPECT_EQ(first[0].payload, (boost::json::object{{"distribution_id", d.distribution_id},
                                                     {"slug", d.slug},
                                                     {"view_count", 3},
                                                     {"viewed_at", "2027-01-15T08:00:20.000000Z"},
                                                     {"referrer_category", "direct"},
                                                     {"count", 2}}));

    now = kStart + 80;
    EXPECT_FALSE(service.close_counter_windows());
    auto rest = new_events();
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_EQ(rest[0].payload.at("referrer_category"), "social");
    EXPECT_EQ(rest[0].payload.at("count"), 1);
    EXPECT_EQ(rest[0].payload.at("view_count"), 2);
    EXPECT_EQ(rest[0].envelope.at("correlation_id"), "req-2");
    EXPECT_EQ(rest[1].type, "distribution.enrollment_clicked");
    EXPECT_EQ(rest[1].payload.at("count"), 1);
}

TEST_F(CoalescedCounters, ManyConcurrentViewsBecomeFewEventsWhoseCountsAddUp) {
    auto page = create_published("sparen");
    new_events();
    std::vector<std::future<void>> views;
    for (int i = 0; i < 300; ++i)
        views.push_back(std::async(std::launch::async, [&] {
            service.count(CounterWrite::page_view("sparen", "direct"), ctx);
        }));
    for (auto& v : views) v.get();
    service.close_counter_windows(DistributionService::Windows::All);

    const auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].payload.at("count"), 300);
    EXPECT_EQ(events[0].payload.at("view_count"), 300);
    EXPECT_EQ(bucket_sum(page.distribution_id, Counter::Views), 300);
}

TEST_F(CoalescedCounters, ADeletionFirstCommitsTheEventsOfItsOpenWindows) {
    auto d = create();
    service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
    new_events();

    service.remove(d.distribution_id, ctx);

    EXPECT_THAT(new_event_types(), ElementsAre("distribution.viewed", "distribution.deleted"));
    EXPECT_FALSE(service.close_counter_windows(DistributionService::Windows::All));
}

TEST_F(CoalescedCounters, TheUpkeepClosesWindowsOnItsOwnAndWhateverIsOpenWhenItStops) {
    auto d = create();
    new_events();
    {
        CounterUpkeep upkeep(service, CounterUpkeepOptions{});
        upkeep.start();
        service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
        // The test's clock stands still, so the window is never due: it closes at stop().
    }
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].payload.at("count"), 1);
}

TEST_F(CoalescedCounters, TheUpkeepPrunesBucketsPastTheRetention) {
    auto d = create();
    service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
    now += 3 * 86400.0;
    service.count(CounterWrite::view(d.distribution_id, "direct"), ctx);
    now += 1 * 86400.0;

    CounterUpkeepOptions options;
    options.bucket_retention_days = 2;
    CounterUpkeep upkeep(service, options);
    EXPECT_EQ(upkeep.prune(), 1);
    EXPECT_EQ(bucket_sum(d.distribution_id, Counter::Views), 1);
    EXPECT_EQ(metrics.render().find("coursedist_buckets_pruned_total 1") != std::string::npos,
              true);
}

}  // namespace
}  // namespace coursedist::service
