// The background loop: start, stop while sleeping, wake, backoff, stop during a failing step.
// Every wait here is for an event (a step having run), never for an amount of time.

#include "background/loop.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace coursedist::background {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

// Counts the steps run and lets the test wait until a number of them have.
class Steps {
  public:
    int record() {
        std::lock_guard lock(mutex_);
        ++count_;
        ran_.notify_all();
        return count_;
    }
    // True once `n` steps have run (a generous deadline: a hang fails instead of blocking CI).
    bool reached(int n) {
        std::unique_lock lock(mutex_);
        return ran_.wait_for(lock, std::chrono::seconds(60), [&] { return count_ >= n; });
    }
    int count() {
        std::lock_guard lock(mutex_);
        return count_;
    }

  private:
    std::mutex mutex_;
    std::condition_variable ran_;
    int count_ = 0;
};

TEST(BackoffTest, DoublesFromFirstAndStaysAtMax) {
    Backoff backoff(milliseconds(100), milliseconds(1000));
    std::vector<long> waits;
    for (int i = 0; i < 7; ++i) waits.push_back(backoff.next().count());
    EXPECT_EQ(waits, (std::vector<long>{100, 200, 400, 800, 1000, 1000, 1000}));
    backoff.reset();
    EXPECT_EQ(backoff.next(), milliseconds(100));
}

TEST(BackoffTest, AMaxBelowFirstIsFirst) {
    Backoff backoff(milliseconds(300), milliseconds(100));
    EXPECT_EQ(backoff.next(), milliseconds(300));
    EXPECT_EQ(backoff.next(), milliseconds(300));
}

TEST(LoopTest, RunsNothingBeforeStartAndTheFirstStepAtOnce) {
    Steps steps;
    Loop loop("test", [&] {
        steps.record();
        return Next::when_woken();
    });
    EXPECT_EQ(steps.count(), 0);
    loop.start();
    loop.start();  // once started, starting again does nothing
    ASSERT_TRUE(steps.reached(1));
    loop.stop();
    EXPECT_EQ(steps.count(), 1);
}

TEST(LoopTest, StopEndsAnHourLongSleep) {
    Steps steps;
    Loop loop("test", [&] {
        steps.record();
        return Next::after(hours(1));
    });
    loop.start();
    ASSERT_TRUE(steps.reached(1));
    loop.stop();  // returns although the step asked for an hour
    loop.stop();  // idempotent
    EXPECT_EQ(steps.count(), 1);
}

TEST(LoopTest, AgainRunsTheNextStepWithoutAWake) {
    Steps steps;
    Loop loop("test", [&] { return steps.record() < 5 ? Next::again() : Next::when_woken(); });
    loop.start();
    ASSERT_TRUE(steps.reached(5));
    loop.stop();
    EXPECT_EQ(steps.count(), 5);
}

TEST(LoopTest, WakeEndsTheSleep) {
    Steps steps;
    Loop loop("test", [&] {
        steps.record();
        return Next::after(hours(1));
    });
    loop.start();
    ASSERT_TRUE(steps.reached(1));
    loop.wake();
    ASSERT_TRUE(steps.reached(2));
    loop.wake();
    ASSERT_TRUE(steps.reached(3));
    loop.stop();
}

// A wake that arrives while the step runs is kept for the sleep after it: work committed during
// a round is picked up by the next round, not at the next poll.
TEST(LoopTest, AWakeDuringAStepSkipsTheNextSleep) {
    Steps steps;
    std::promise<void> in_first_step, release_first;
    auto release = release_first.get_future().share();
    Loop loop("test", [&] {
        if (steps.record() == 1) {
            in_first_step.set_value();
            release.wait();
        }
        return Next::when_woken();
    });
    loop.start();
    in_first_step.get_future().wait();
    loop.wake();
    release_first.set_value();
    ASSERT_TRUE(steps.reached(2));
    loop.stop();
    EXPECT_EQ(steps.count(), 2);
}

// A failing step (a throw or Next::retry()) runs again after the backoff; the loop goes on.
TEST(LoopTest, AFailingStepIsRetriedAndTheLoopGoesOn) {
    Steps steps;
    Loop loop(
        "test",
        [&] {
            const int n = steps.record();
            if (n == 1) throw std::runtime_error("first round fails");
            if (n == 2) return Next::retry();
            return Next::when_woken();
        },
        Backoff(milliseconds(1), milliseconds(2)));
    loop.start();
    ASSERT_TRUE(steps.reached(3));
    loop.stop();
    EXPECT_EQ(steps.count(), 3);
}

// Stopping while a step is failing: stop() waits for the step in flight, ends the (hour-long)
// backoff that follows and joins; no step runs after it returns.
TEST(LoopTest, StopDuringAFailingStep) {
    Steps steps;
    std::promise<void> in_second_step, release_second;
    auto release = release_second.get_future().share();
    Loop loop(
        "test",
        [&]() -> Next {
            if (steps.record() == 1) return Next::again();
            in_second_step.set_value();
            release.wait();
            throw std::runtime_error("fails");
        },
        Backoff(hours(1), hours(1)));
    loop.start();
    in_second_step.get_future().wait();
    std::thread stopper([&] { loop.stop(); });
    release_second.set_value();
    stopper.join();
    EXPECT_EQ(steps.count(), 2);
}

// A wake does not cut a backoff short: wake-ups during an outage must not make it a busy loop.
TEST(LoopTest, AWakeLeavesTheBackoffAlone) {
    Steps steps;
    Loop loop(
        "test",
        [&] {
            steps.record();
            return Next::retry();
        },
        Backoff(hours(1), hours(1)));
    loop.start();
    ASSERT_TRUE(steps.reached(1));
    for (int i = 0; i < 3; ++i) loop.wake();
    loop.stop();
    EXPECT_EQ(steps.count(), 1);
}

TEST(LoopTest, AStoppedLoopDoesNotStart) {
    Steps steps;
    Loop loop("test", [&] {
        steps.record();
        return Next::when_woken();
    });
    loop.stop();
    loop.start();
    loop.stop();
    EXPECT_EQ(steps.count(), 0);
}

}  // namespace
}  // namespace coursedist::background
