#pragma once
// One background thread that runs a step over and over: the outbox's upkeep, the stream
// consumer, the WAL checkpointer (and the scheduler and webhook dispatcher to come). The loop owns
// the thread, the sleeping between steps, the wake-up, the backoff after failures and a clean
// stop; the step only does one round of its work and says what it wants next.
//
// A layer of its own (cd_background, beside domain at the bottom): storage (the checkpointer)
// uses it as much as service and events do, and it knows none of them.

#include "background/backoff.hpp"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace coursedist::background {

// What a step wants after it returns.
class Next {
  public:
    // More work is waiting: run again at once.
    static Next again() { return Next(Kind::Again, {}); }
    // Sleep `period`, or less if woken.
    static Next after(std::chrono::milliseconds period) { return Next(Kind::After, period); }
    // Sleep until woken.
    static Next when_woken() { return Next(Kind::WhenWoken, {}); }
    // The round failed: sleep the backoff, which grows with each failure in a row. A wake does
    // not cut it short (wake-ups must not turn an outage into a busy loop); stop() does.
    static Next retry() { return Next(Kind::Retry, {}); }

  private:
    friend class Loop;
    enum class Kind { Again, After, WhenWoken, Retry };
    Next(Kind kind, std::chrono::milliseconds period) : kind_(kind), period_(period) {}
    Kind kind_;
    std::chrono::milliseconds period_;
};

class Loop {
  public:
    // A step that throws is logged under `name` and retried like Next::retry().
    using Step = std::function<Next()>;

    Loop(std::string name, Step step, Backoff backoff = Backoff());
    ~Loop();  // stops
    Loop(const Loop&) = delete;
    Loop& operator=(const Loop&) = delete;

    // Starts the thread; the first step runs at once. Does nothing once started or stopped.
    void start();
    // Lets the step in flight finish, ends any sleep and joins. Idempotent; from any thread but
    // the loop's own.
    void stop();
    // Ends the current sleep, or the next one if a step is running (so a wake during a step is
    // never lost). Cheap, never blocks on the step; callable from any thread.
    void wake();

  private:
    void run();
    Next run_step();

    std::string name_;
    Step step_;
    Backoff backoff_;  // loop thread only
    std::mutex mutex_;
    std::condition_variable wake_;
    bool woken_ = false;     // guarded by mutex_
    bool stopping_ = false;  // guarded by mutex_
    std::mutex join_mutex_;
    std::thread thread_;  // guarded by join_mutex_
};

}  // namespace coursedist::background
