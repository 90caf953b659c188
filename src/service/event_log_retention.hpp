#pragma once
// Embedded mode keeps every event in the outbox, which is then the event log behind
// GET /api/events; each page view adds a row. This thread deletes the events older than the
// retention, oldest first and in small transactions so that writers are never held up for long.

#include "service/metrics.hpp"
#include "storage/store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace coursedist::service {

class EventLogRetention {
  public:
    EventLogRetention(storage::Store& store, Metrics& metrics, std::chrono::seconds retention);
    ~EventLogRetention();
    EventLogRetention(const EventLogRetention&) = delete;
    EventLogRetention& operator=(const EventLogRetention&) = delete;

    void start();
    void stop();
    // Deletes everything older than the retention; returns how many events.
    std::int64_t prune();

  private:
    void run();

    storage::Store& store_;
    Metrics& metrics_;
    std::chrono::seconds retention_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace coursedist::service
