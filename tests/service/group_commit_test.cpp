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
    std::thread first_caller([&] { commits.submit(first); });
    first_started.get_future().wait();
    std::vector<int> items{2, 3, 4, 5};
    std::vector<std::thread> later_callers;
    for (auto& item : items)
        later_callers.emplace_back([&commits, &item] { commits.submit(item); });
    ASSERT_TRUE(eventually([&] { return commits.waiting() == 4; }));
    release_first.set_value();
    first_caller.join();
    for (auto& t : later_callers) t.join();

    EXPECT_EQ(batch_sizes, (std::vector<std::size_t>{1, 4}));
    EXPECT_EQ(first, 10);
    EXPECT_EQ(items, (std::vector<int>{20, 30, 40, 50}));
}

// A caller that leaves a completion does not wait: its item goes in the next batch, and the
// completion runs on the committer.
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
    std::thread first_caller([&] { commits.submit(first); });
    first_started.get_future().wait();

    int queued = 2;
    std::promise<std::thread::id> completed_on;
    commits.submit(queued, [&] { completed_on.set_value(std::this_thread::get_id()); });
    EXPECT_EQ(commits.waiting(), 1u);  // returned with its item still queued
    EXPECT_EQ(queued, 2);

    release_first.set_value();
    EXPECT_EQ(completed_on.get_future().get(), commits.committer_id());
    first_caller.join();
    EXPECT_EQ(queued, 20);
    EXPECT_EQ(batches.load(), 2);
}

TEST(GroupCommitTest, ALoneCallerGetsABatchOfItsOwn) {
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

// No caller runs a batch, its own or others': every batch and every completion runs on the
// committer, whichever thread submitted and whether it waits or not.
TEST(GroupCommitTest, BatchesAndCompletionsRunOnlyOnTheCommitter) {
    std::mutex ids_mutex;
    std::set<std::thread::id> batch_threads, done_threads;
    GroupCommit<int> commits([&](const std::vector<int*>& batch) {
        std::lock_guard lock(ids_mutex);
        batch_threads.insert(std::this_thread::get_id());
        for (int* item : batch) ++*item;
    });
    constexpr int kCallers = 4, kItemsPerCaller = 50;
    std::vector<int> items(kCallers * kItemsPerCaller, 0);
    std::set<std::thread::id> callers{std::this_thread::get_id()};
    std::vector<std::thread> threads;
    for (int c = 0; c < kCallers; ++c) {
        threads.emplace_back([&, c] {
            for (int i = 0; i < kItemsPerCaller; ++i) {
                auto& item = items[static_cast<std::size_t>(c * kItemsPerCaller + i)];
                if (i % 2 == 0) {
                    commits.submit(item);
                    continue;
                }
                std::promise<void> done;
                commits.submit(item, [&] {
                    {
                        std::lock_guard lock(ids_mutex);
                        done_threads.insert(std::this_thread::get_id());
                    }
                    done.set_value();
                });
                done.get_future().wait();
            }
        });
    }
    {
        std::lock_guard lock(ids_mutex);
        for (const auto& t : threads) callers.insert(t.get_id());
    }
    int own = 0;
    commits.submit(own);
    for (auto& t : threads) t.join();

    EXPECT_EQ(own, 1);
    EXPECT_EQ(items, std::vector<int>(items.size(), 1));
    EXPECT_EQ(batch_threads, std::set<std::thread::id>{commits.committer_id()});
    EXPECT_EQ(done_threads, std::set<std::thread::id>{commits.committer_id()});
    EXPECT_EQ(callers.count(commits.committer_id()), 0u);
}

// Stopping runs what is queued before it returns: no write queued before stop() goes unanswered.
TEST(GroupCommitTest, StopRunsEverythingQueuedFirst) {
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
    commits.submit(first, [] {});
    first_started.get_future().wait();
    std::vector<int> queued{2, 3, 4};
    std::atomic<int> completed{0};
    for (auto& item : queued) commits.submit(item, [&] { ++completed; });
    ASSERT_EQ(commits.waiting(), 3u);

    std::thread stopper([&] { commits.stop(); });
    release_first.set_value();
    stopper.join();
    EXPECT_EQ(completed.load(), 3);
    EXPECT_EQ(first, 10);
    EXPECT_EQ(queued, (std::vector<int>{20, 30, 40}));
    EXPECT_EQ(commits.waiting(), 0u);
}

// After stop() (shutdown), a late write still commits, on its caller's thread, before submit
// returns.
TEST(GroupCommitTest, ASubmitAfterStopRunsOnItsCaller) {
    std::thread::id ran_on;
    GroupCommit<int> commits([&](const std::vector<int*>& batch) {
        ran_on = std::this_thread::get_id();
        for (int* item : batch) *item *= 10;
    });
    commits.stop();
    commits.stop();  // idempotent
    int late = 3;
    bool done = false;
    commits.submit(late, [&] { done = true; });
    EXPECT_TRUE(done);
    EXPECT_EQ(late, 30);
    EXPECT_EQ(ran_on, std::this_thread::get_id());
    commits.submit(late);
    EXPECT_EQ(late, 300);
}

// Destroying the group commit stops it, which runs what is still queued.
TEST(GroupCommitTest, DestructionRunsEverythingQueued) {
    std::promise<void> first_started, release_first;
    auto release = release_first.get_future().share();
    std::atomic<int> completed{0};
    std::vector<int> queued{2, 3};
    {
        std::atomic<int> batches{0};
        GroupCommit<int> commits([&](const std::vector<int*>& batch) {
            if (batches++ == 0) {
                first_started.set_value();
                release.wait();
            }
            for (int* item : batch) *item *= 10;
        });
        int first = 1;
        commits.submit(first, [] {});
        first_started.get_future().wait();
        for (auto& item : queued) commits.submit(item, [&] { ++completed; });
        release_first.set_value();
    }
    EXPECT_EQ(completed.load(), 2);
    EXPECT_EQ(queued, (std::vector<int>{20, 30}));
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

// A counter write with a completion commits on the service's committer, not on the caller's
// thread, and after stop_committer() writes still count (on their caller).
TEST_F(ConcurrentCountersTest, CounterWritesCommitOffTheCallersThread) {
    const auto id = create("c1");
    std::promise<std::thread::id> completed_on;
    std::optional<Outcome<CounterUpdate>> outcome;
    service.count(CounterWrite::click(id, std::nullopt), {}, [&](Outcome<CounterUpdate> o) {
        outcome.emplace(std::move(o));
        completed_on.set_value(std::this_thread::get_id());
    });
    EXPECT_NE(completed_on.get_future().get(), std::this_thread::get_id());
    ASSERT_TRUE(outcome.has_value());
    EXPECT_EQ(outcome->get().enrollment_count, 1);

    service.stop_committer();
    EXPECT_EQ(service.count(CounterWrite::click(id, std::nullopt), {}).enrollment_count, 2);
    EXPECT_EQ(service.get(id).enrollment_count, 2);
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
    std::promise<void> first_completing, release_first;
    auto release = release_first.get_future().share();
    service.count(CounterWrite::click(id, std::nullopt), {}, [&](Outcome<CounterUpdate>) {
        first_completing.set_value();
        release.wait();  // holds the committer, so that the writes below queue up together
    });
    first_completing.get_future().wait();

    constexpr int kWrites = 3;
    std::vector<std::optional<Outcome<CounterUpdate>>> outcomes(kWrites);
    for (auto& outcome : outcomes)
        service.count(CounterWrite::click("missing", std::nullopt), {},
                      [&outcome](Outcome<CounterUpdate> o) { outcome.emplace(std::move(o)); });
    release_first.set_value();
    service.stop_committer();  // returns once the queued writes have completed

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
