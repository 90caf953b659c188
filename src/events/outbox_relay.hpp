#pragma once
// Publishes the outbox to the BRAiN EventStream (SPEC section 4, "Delivery guarantee"): rows in
// seq order, pipelined XADDs, marked published only after Redis acknowledged them. A crash between
// XADD and the mark re-sends those rows after restart (at-least-once; consumers dedup by id).
// While Redis is unreachable the rows wait in the outbox; the outbox's keeper (which runs the
// rounds on its thread) retries with a capped backoff, and the HTTP API never waits on it.

#include "domain/wire_format.hpp"
#include "events/redis_connection.hpp"
#include "service/metrics.hpp"
#include "service/outbox_keeper.hpp"
#include "storage/store.hpp"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace coursedist::events {

struct RelayOptions {
    std::string stream{domain::kEventStream};
    std::size_t stream_maxlen = 10'000;  // XADD MAXLEN ~
    int batch_size = 500;                // rows per pipelined round
    std::chrono::milliseconds redis_timeout{2000};
};

class OutboxRelay : public service::OutboxPublisher {
  public:
    OutboxRelay(storage::Store& store, RedisEndpoint endpoint, service::Metrics& metrics,
                RelayOptions options = {});
    OutboxRelay(const OutboxRelay&) = delete;
    OutboxRelay& operator=(const OutboxRelay&) = delete;

    // One batch published (an idle round PINGs, so that state() knows whether Redis is there);
    // failures are logged, counted and reported in state().
    Round publish_round() override;
    // "ok", "connecting" or "unavailable: <reason>" for /readyz.
    std::string state() const override;

    // Up to batch_size rows published and marked. Returns the number published; throws
    // RedisUnavailable. For publish_round(), tests and benchmarks.
    std::size_t publish_batch();

  private:
    void set_state(std::string state);

    storage::Store& store_;
    service::Metrics& metrics_;
    RelayOptions options_;
    RedisConnection redis_;  // used by one thread at a time: the keeper's once started

    mutable std::mutex mutex_;
    std::string state_ = "connecting";  // guarded by mutex_
};

}  // namespace coursedist::events
