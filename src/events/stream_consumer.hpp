#pragma once
// The consumer-group reader of brain:events:stream (SPEC section 4, "Consumed", "Errors"), in
// the shape of BRAiN's EventConsumer:
// - group `group_distribution_consumer`, created at id 0 with MKSTREAM (a new deployment
//   backfills from the retained history) and re-created after a NOGROUP error;
// - one consumer name per instance; at start it first drains its own pending entries (`0`), then
//   reads new ones (`>`), and a periodic XAUTOCLAIM takes over entries idle longer than
//   min_idle: its own transient failures and those of dead instances;
// - each entry goes through EventIngest, and is acknowledged only after that committed;
// - permanent errors and entries delivered max_deliveries times are copied to brain:events:dlq
//   (original fields plus error, stream_message_id, delivery_count), then acknowledged;
// - entries whose body was trimmed away are acknowledged and counted.
// A failing entry is left behind, never retried in place: the entries after it go on.

#include "background/loop.hpp"
#include "domain/wire_format.hpp"
#include "events/redis_connection.hpp"
#include "events/stream_entries.hpp"
#include "service/event_ingest.hpp"
#include "service/metrics.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace coursedist::events {

struct ConsumerOptions {
    std::string stream{domain::kEventStream};
    std::string dead_letter_stream{domain::kDeadLetterStream};
    // Entries the dead-letter stream keeps at most (the oldest go first). Trimmed exactly: the
    // stream is small and seldom written, and `MAXLEN ~` would keep whole radix-tree nodes.
    std::size_t dead_letter_maxlen = 10'000;
    std::string group = "group_distribution_consumer";
    std::string consumer_name;  // empty: distribution_consumer-<hostname>-<pid>
    int batch_size = 100;       // COUNT of XREADGROUP and XAUTOCLAIM
    std::chrono::milliseconds block{1500};
    // Longer than the slowest handler, or a live consumer's entry would be taken over.
    std::chrono::milliseconds min_idle{30'000};
    int max_deliveries = 5;
    std::chrono::milliseconds first_backoff{200};
    std::chrono::milliseconds max_backoff{5000};
    std::chrono::milliseconds redis_timeout{2000};
};

std::string default_consumer_name();

class StreamConsumer {
  public:
    StreamConsumer(service::EventIngest& ingest, RedisEndpoint endpoint, service::Metrics& metrics,
                   ConsumerOptions options = {});
    StreamConsumer(const StreamConsumer&) = delete;
    StreamConsumer& operator=(const StreamConsumer&) = delete;

    void start();
    // Lets the entry in flight finish (it is acknowledged or left pending) and joins. Idempotent;
    // the destructor does it too.
    void stop();

    // One round on the calling thread (own pending entries first, the claim sweep when due, then
    // new entries); returns the number of entries handled. Throws RedisUnavailable. For the
    // consumer thread and benchmarks.
    std::size_t poll_once();
    const std::string& consumer_name() const { return options_.consumer_name; }

  private:
    enum class Result { Done, LeftPending };

    background::Next round();
    void ensure_group();
    // Throws RedisUnavailable for a refusing server; forgets the group on NOGROUP.
    RedisReply checked(const std::vector<std::string>& argv);
    std::size_t drain_own_pending();
    std::size_t claim_idle();
    std::size_t read_new();
    std::size_t handle_all(const std::vector<StreamEntry>& entries, bool first_delivery);
    Result handle(const StreamEntry& entry, std::int64_t deliveries);
    void acknowledge(const std::string& id);
    void dead_letter(const StreamEntry& entry, const std::string& error, std::int64_t deliveries);
    void refresh_pending();

    service::EventIngest& ingest_;
    service::Metrics& metrics_;
    ConsumerOptions options_;
    RedisConnection redis_;  // used by one thread at a time: the consumer thread once started
    bool group_ready_ = false;
    bool own_pending_drained_ = false;
    bool left_pending_in_round_ = false;
    bool redis_ok_ = true;
    std::chrono::steady_clock::time_point next_claim_{};
    // Shared with the metrics gauge, which may be read after this consumer is gone.
    std::shared_ptr<std::atomic<double>> pending_ = std::make_shared<std::atomic<double>>(0);

    background::Loop loop_;  // last: stopped first
};

}  // namespace coursedist::events
