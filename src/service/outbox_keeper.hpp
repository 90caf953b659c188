#pragma once
// Everything done to the outbox in the background, by one owner on one thread: publishing it
// (when a publisher is configured: the Redis relay) and keeping it within its retention. With
// Redis, published rows older than the retention go and unpublished ones always stay; in
// embedded mode the outbox is the event log behind GET /api/events (each page view adds a row),
// and every event older than the retention goes. Either way a row stays while an active webhook
// has not had it yet (spec/webhooks.md; the store's prune queries check the webhooks' positions).
// Deletes run oldest first in small transactions, so that writers are never held up for long.

#include "background/loop.hpp"
#include "service/metrics.hpp"
#include "storage/store.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace coursedist::service {

// What relays the outbox to a stream (events::OutboxRelay).
class OutboxPublisher {
  public:
    enum class Round { Drained, More, Failed };
    virtual ~OutboxPublisher() = default;
    // Publishes up to one batch of unpublished rows, in order; More when a full batch went (more
    // may wait). Never throws: a failure is the publisher's to log, count and report in state().
    virtual Round publish_round() = 0;
    // For /readyz: "ok", "connecting" or "unavailable: <reason>".
    virtual std::string state() const = 0;
};

struct OutboxKeeperOptions {
    // Rows older than this are deleted (see above); nullopt: kept forever.
    std::optional<std::chrono::seconds> retention;
    // Publishing: without a wake(), new rows (e.g. of another instance sharing the database) are
    // still found after this long.
    std::chrono::milliseconds poll_interval{1000};
    // After a failed round (the stream or the database unreachable).
    background::Backoff backoff{std::chrono::milliseconds(100), std::chrono::milliseconds(5000)};
};

class OutboxKeeper {
  public:
    // `publisher` may be null (embedded mode).
    OutboxKeeper(storage::Store& store, Metrics& metrics,
                 std::unique_ptr<OutboxPublisher> publisher, OutboxKeeperOptions options);
    OutboxKeeper(const OutboxKeeper&) = delete;
    OutboxKeeper& operator=(const OutboxKeeper&) = delete;

    // Starts the thread, unless there is nothing to do (embedded mode keeping every event).
    void start();
    // Lets the round in flight finish and joins. Idempotent.
    void stop();
    // New rows were committed: publish now rather than at the next poll. Cheap; any thread.
    void wake();
    // The publisher's state, "disabled" without one.
    std::string publisher_state() const;

    // Deletes what is past the retention now; returns how many rows.
    std::int64_t prune();

  private:
    background::Next round();
    void prune_when_due();

    storage::Store& store_;
    Metrics& metrics_;
    std::unique_ptr<OutboxPublisher> publisher_;
    OutboxKeeperOptions options_;
    std::chrono::milliseconds prune_interval_;
    std::chrono::steady_clock::time_point next_prune_{};  // loop thread only
    background::Loop loop_;                               // last: stopped first
};

}  // namespace coursedist::service
