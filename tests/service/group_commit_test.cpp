// Group commit of counter writes: writes that arrive together share one transaction, and every
// caller still gets its own exact, committed result.

#include "service/group_commit.hpp"

#include "domain/events.hpp"
#include "service/distribution_service.hpp"
#include "service/errors.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <thread>

namespace coursedist::service {
namespace {

using coursedist::testing::eventually;

TEST(GroupCommitTest, ItemsQueuedDuringABatchGoTogetherInTheNextOne) {
    std::promise<void> first_started, release_first;
    auto release = release_first.get_future().share();
    std::mutex sizes_mutex;
    std::vector<std::size_t> batch_sizes;
    GroupCommit<int> commits([&](const std::vector<int*>& batch) {
        bool first_batch = false;
        {
            std::lock_guard lock(sizes_mutex);
            batch_sizes.push_back(batch.size());
            first_batch = batch_sizes.size() == 1;
        }
        if (first_batch) {
            first_started.set_value();
            release.wait();
        }
        for (int* item : batch) *item *= 10;
    });

    int first = 1;
    std::thread leader([&] { commits.submit(first); });
    first_started.get_future().wait();
    std::vector<int> items{2, 3, 4, 5};
    std::vector<std::thread> followers;
    for (auto& item : items) followers.emplace_back([&commits, &item] { commits.submit(item); });
    ASSERT_TRUE(eventually([&] { return commits.waiting() == 4; }));
    release_first.set_value();
    leader.join();
    for (auto& t : followers) t.join();

    EXPECT_EQ(batch_sizes, (std::vector<std::size_t>{1, 4}));
    EXPECT_EQ(first, 10);
    EXPECT_EQ(items, (std::vector<int>{20, 30, 40, 50}));
}

// A caller that leaves a completion does not wait: the running leader takes its item in the next
// batch and completes it on its own thread.
TEST(GroupCommitTest, ACallerWithACompletionReturnsAtOnce) {
    std::promise<void> first_started, release_first;
    auto release = release_first.get_future().share();
    std::atomic<int> batches{0};
    GroupCommit<int> commits([&](const std::vector<int*>& batch) {
        if (batches++ == 0) {
            first_started.set_value();
            release.wait();
        }
        for (int* item : batch) *item *= 10;
    });
    int first = 1;
    std::thread leader([&] { commits.submit(first); });
    const auto leader_id = leader.get_id();
    first_started.get_future().wait();

    int queued = 2;
    std::promise<std::thread::id> completed_on;
    commits.submit(queued, [&] { completed_on.set_value(std::this_thread::get_id()); });
    EXPECT_EQ(commits.waiting(), 1u);  // returned with its item still queued
    EXPECT_EQ(queued, 2);

    release_first.set_value();
    EXPECT_EQ(completed_on.get_future().get(), leader_id);
    leader.join();
    EXPECT_EQ(queued, 20);
    EXPECT_EQ(batches.load(), 2);
}

TEST(GroupCommitTest, ALoneCallerRunsItsOwnBatch) {
    int runs = 0;
    GroupCommit<int> commits([&](const std::vector<int*>& batch) {
        ++runs;
        EXPECT_EQ(batch.size(), 1u);
    });
    int item = 0;
    commits.submit(item);
    commits.submit(item);
    EXPECT_EQ(runs, 2);
}

class ConcurrentCountersTest : public ::testing::Test {
  protected:
    ConcurrentCountersTest()
        : store(storage::open_sqlite_store(dir.file("db.sqlite"), 4)),
          service((store->migrate(), *store), metrics) {}

    std::string create(const std::string& course_id) {
        domain::CreateRequest request;
        request.course_id = course_id;
        request.language = "en";
        request.title = "Saving money for " + course_id;
        request.description = "A course long enough to be valid, about saving money every month.";
        request.target_group = {"students"};
        return service.create(request, {}).distribution_id;
    }

    storage::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    Metrics metrics;
    DistributionService service;
};

// Eight threads click two courses and a missing one at once: the missing one fails alone, the
// others count exactly, and each click has its own event carrying its own count.
TEST_F(ConcurrentCountersTest, EveryClickCountsOnceWithItsOwnEvent) {
    const std::vector<std::string> ids{create("c1"), create("c2")};
    constexpr int kThreads = 8, kClicksPerThread = 40;
    std::atomic<int> not_found{0};
    std::mutex returned_mutex;
    std::map<std::string, std::set<std::int64_t>> returned;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kClicksPerThread; ++i) {
                if (i % 10 == 9) {
                    try {
                        service.count(
                            CounterWrite::click("missing-" + std::to_string(t), std::nullopt), {});
                    } catch (const NotFound&) {
                        ++not_found;
                    }
                    continue;
                }
                const auto& id = ids[(t + i) % 2];
                const auto count =
                    service.count(CounterWrite::click(id, std::nullopt), {}).enrollment_count;
                std::lock_guard lock(returned_mutex);
                EXPECT_TRUE(returned[id].insert(count).second) << "count returned twice";
            }
        });
    }
    for (auto& t : threads) t.join();

    const int missing = kThreads * (kClicksPerThread / 10);
    const int counted = kThreads * kClicksPerThread - missing;
    EXPECT_EQ(not_found.load(), missing);
    EXPECT_EQ(service.get(ids[0]).enrollment_count + service.get(ids[1]).enrollment_count, counted);
    for (const auto& id : ids) {
        const auto& counts = returned[id];
        EXPECT_EQ(static_cast<std::int64_t>(counts.size()), service.get(id).enrollment_count);
        EXPECT_EQ(*counts.rbegin(), service.get(id).enrollment_count);  // 1..n, none skipped
    }

    auto tx = store->begin_read();
    int click_events = 0;
    for (const auto& row : tx->outbox_after(0, 10'000))
        click_events += row.event_type == domain::event_type::kEnrollmentClicked;
    EXPECT_EQ(click_events, counted);
}

// Pages reuse what they rendered while only counters change: a counter write leaves the content
// generation alone, any other change moves it.
TEST_F(ConcurrentCountersTest, OnlyNonCounterWritesMoveTheContentGeneration) {
    const auto id = create("c1");
    const auto content = service.content_generation();
    const auto writes = service.write_generation();
    service.count(CounterWrite::view(id, std::nullopt), {});
    service.count(CounterWrite::click(id, std::nullopt), {});
    EXPECT_EQ(service.content_generation(), content);
    EXPECT_EQ(service.write_generation(), writes + 2);
    service.publish(id, {});
    EXPECT_GT(service.content_generation(), content);
}

// The counter writes of pages go by slug and count only publicly readable courses.
TEST_F(ConcurrentCountersTest, PageCountersCountOnlyReadableCoursesBySlug) {
    const auto id = create("c1");
    const auto slug = service.get(id).slug;
    EXPECT_THROW(service.count(CounterWrite::page_view(slug, "direct"), {}), NotFound);
    service.publish(id, {});
    const auto counted = service.count(CounterWrite::page_view(slug, "direct"), {});
    EXPECT_EQ(counted, (CounterUpdate{id, slug, 1, 0}));
    EXPECT_EQ(service.count(CounterWrite::page_click(slug, "open_course"), {}),
              (CounterUpdate{id, slug, 1, 1}));
    auto tx = store->begin_read();
    const auto events = tx->outbox_after(0, 100);
    ASSERT_GE(events.size(), 2u);
    EXPECT_EQ(events[events.size() - 2].event_type, domain::event_type::kViewed);
    EXPECT_EQ(events.back().event_type, domain::event_type::kEnrollmentClicked);
}

// Writes that fail together still fail apart: each completion gets an error of its own, since
// completions are handed to different threads and must share no exception object.
TEST_F(ConcurrentCountersTest, WritesThatFailTogetherEachGetTheirOwnError) {
    const auto id = create("c1");
    std::promise<void> leader_completing, release_leader;
    auto release = release_leader.get_future().share();
    std::thread leader([&] {
        service.count(CounterWrite::click(id, std::nullopt), {}, [&](Outcome<CounterUpdate>) {
            leader_completing.set_value();
            release.wait();  // keeps the batch open, so that the writes below queue up together
        });
    });
    leader_completing.get_future().wait();

    constexpr int kWrites = 3;
    std::vector<std::optional<Outcome<CounterUpdate>>> outcomes(kWrites);
    for (auto& outcome : outcomes)
        service.count(CounterWrite::click("missing", std::nullopt), {},
                      [&outcome](Outcome<CounterUpdate> o) { outcome.emplace(std::move(o)); });
    release_leader.set_value();
    leader.join();

    std::set<const void*> errors;
    for (const auto& outcome : outcomes) {
        ASSERT_TRUE(outcome.has_value());
        try {
            outcome->get();
            ADD_FAILURE() << "a click on a missing distribution counted";
        } catch (const NotFound& missing) {
            errors.insert(&missing);
        }
    }
    EXPECT_EQ(errors.size(), static_cast<std::size_t>(kWrites));
    EXPECT_NE(metrics.render().find("coursedist_group_commit_batches_total 2\n"), std::string::npos)
        << "the missing writes did not go in one batch";
}

}  // namespace
}  // namespace coursedist::service
