#pragma once
// The outbox read as an event log (SPEC section 4, GET /api/events and its Server-Sent Events):
// pages of events after a position, and waits for the next ones that hold no thread per reader.
// One reader thread serves every wait: it wakes when a commit appended events (the service's
// on-commit hook) and when a wait's heartbeat is due, reads the outbox once per distinct position
// and answers. At a heartbeat it reads too, so events committed by another instance sharing the
// database arrive at the latest then.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace coursedist::service {

class DistributionService;

struct LoggedEvent {
    std::int64_t seq = 0;
    std::string type;
    std::string envelope_json;  // one line
};

class EventFeed {
  public:
    // Called, and destroyed, on the feed's thread: it must not own the feed.
    using Answer = std::function<void(std::vector<LoggedEvent>)>;
    struct Options {
        std::chrono::milliseconds heartbeat{15'000};  // a wait with no events ends after this
        int batch = 100;                              // events per answer at most
    };

    // Hooks itself into the service's commits (it must outlive neither: the hook holds a weak
    // reference).
    static std::shared_ptr<EventFeed> create(DistributionService& service, Options options);
    static std::shared_ptr<EventFeed> create(DistributionService& service) {
        return create(service, Options{});
    }
    ~EventFeed();  // drops the waits still pending, without answering them
    EventFeed(const EventFeed&) = delete;
    EventFeed& operator=(const EventFeed&) = delete;

    // Up to `limit` events after `after`, in commit order (the caller's thread).
    std::vector<LoggedEvent> after(std::int64_t after, int limit);

    // Calls `answer` once, on the feed's thread: with the events after `after` (up to a batch)
    // once there are some, or with none once a heartbeat interval passed without any. Returns a
    // ticket for cancel().
    std::uint64_t wait(std::int64_t after, Answer answer);
    // Forgets a wait (an answer already on its way may still come).
    void cancel(std::uint64_t ticket);
    // Events were committed: every wait looks again.
    void notify();

  private:
    struct Wait {
        std::int64_t after;
        std::chrono::steady_clock::time_point heartbeat_due;
        Answer answer;
    };
    using Clock = std::chrono::steady_clock;

    EventFeed(DistributionService& service, Options options);
    void run();
    // Answers the waits that have events or whose heartbeat is due; called without the lock.
    void answer_round();

    DistributionService& service_;
    Options options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::uint64_t, Wait> waits_;  // guarded by mutex_
    std::uint64_t next_ticket_ = 1;        // guarded by mutex_
    bool look_ = false;                    // guarded by mutex_: a commit or a new wait came
    bool stopping_ = false;                // guarded by mutex_
    std::thread thread_;                   // started with the first wait
};

}  // namespace coursedist::service
