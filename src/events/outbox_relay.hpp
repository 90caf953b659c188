#pragma once
// Publishes the outbox to the BRAiN EventStream (SPEC section 4, "Delivery guarantee"): rows in
// seq order, pipelined XADDs, marked published only after Redis acknowledged them. A crash between
// XADD and the mark re-sends those rows after restart (at-least-once; consumers dedup by id).
// While Redis is unreachable the rows wait in the outbox and the relay retries with a capped
// backoff; the HTTP API never waits on it.

#include "events/redis_connection.hpp"
#include "events/wire_format.hpp"
#include "service/metrics.hpp"
#include "storage/store.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

namespace coursedist::events {

struct RelayOptions {
    std::string stream{kEventStream};
    std::size_t stream_maxlen = 10'000;  // XADD MAXLEN ~
    int batch_size = 500;                // rows per pipelined round
    // Without a notify(), new rows are still found by polling (e.g. rows written by another
    // instance sharing the database).
    std::chrono::milliseconds poll_interval{1000};
    std::chrono::milliseconds first_backoff{100};
    std::chrono::milliseconds max_backoff{5000};
    std::chrono::milliseconds redis_timeout{2000};
    std::chrono::seconds retention{24 * 3600};  // published rows older than this are pruned
    std::chrono::seconds prune_interval{300};
};

class OutboxRelay {
  public:
    OutboxRelay(storage::Store& store, RedisEndpoint endpoint, service::Metrics& metrics,
                RelayOptions options = {});
    ~OutboxRelay();  // stops
    OutboxRelay(const OutboxRelay&) = delete;
    OutboxRelay& operator=(const OutboxRelay&) = delete;

    void start();
    // Wakes the thread, lets it finish the round in flight and joins it. Idempotent.
    void stop();
    // New rows were committed: publish now rather than at the next poll. Cheap, never blocks on
    // Redis; callable from any thread.
    void notify();

    // "ok", "connecting" or "unavailable: <reason>" for /readyz.
    std::string redis_state() const;

    // One round on the calling thread: up to batch_size rows published and marked. Returns the
    // number published; throws RedisUnavailable. For the relay thread, tests and benchmarks.
    std::size_t publish_batch();
    // Deletes published rows older than the retention; returns how many.
    std::int64_t prune();

  private:
    void run();
    // Sleeps until notify(), stop() or the timeout; false once stopping.
    bool wait(std::chrono::milliseconds timeout);
    void set_state(std::string state);
    void prune_when_due();

    storage::Store& store_;
    service::Metrics& metrics_;
    RelayOptions options_;
    RedisConnection redis_;  // used by one thread at a time: the relay thread once started

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool notified_ = false;
    bool stopping_ = false;
    std::string state_ = "connecting";
    std::chrono::steady_clock::time_point next_prune_{};
    std::thread thread_;
};

}  // namespace coursedist::events
