#include "events/stream_consumer.hpp"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include <algorithm>
#include <array>

namespace coursedist::events {

namespace {

constexpr std::string_view kRetried = "coursedist_events_retried_total";
constexpr std::string_view kDeadLettered = "coursedist_events_dead_lettered_total";
constexpr std::string_view kTrimmed = "coursedist_events_trimmed_total";
// XAUTOCLAIM pages per sweep: a huge backlog of stale entries must not starve new ones.
constexpr int kClaimPagesPerSweep = 10;

std::string field_or_empty(const domain::StreamFields& fields, std::string_view key) {
    for (const auto& [k, v] : fields)
        if (k == key) return v;
    return {};
}

std::string describe(const service::IngestOutcome& outcome) {
    std::string text = outcome.reason;
    for (const auto& e : outcome.errors) text += "; " + e.field + ": " + e.message;
    return text;
}

std::string millis_arg(std::chrono::milliseconds ms) {
    return std::to_string(ms.count());
}

}  // namespace

std::string default_consumer_name() {
    std::array<char, 256> host{};
    if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
    return "distribution_consumer-" + std::string(host.data()) + "-" + std::to_string(getpid());
}

StreamConsumer::StreamConsumer(service::EventIngest& ingest, RedisEndpoint endpoint,
                               service::Metrics& metrics, ConsumerOptions options)
    : ingest_(ingest),
      metrics_(metrics),
      options_(std::move(options)),
      // Blocking reads hold the socket for `block`: the timeout must outlast them.
      redis_(std::move(endpoint), options_.redis_timeout + options_.block),
      loop_(
          "event consumer", [this] { return round(); },
          background::Backoff(options_.first_backoff, options_.max_backoff)) {
    if (options_.consumer_name.empty()) options_.consumer_name = default_consumer_name();
    metrics_.describe(std::string(kRetried),
                      "Consumed events left pending after a transient failure, to be retried.");
    metrics_.describe(std::string(kDeadLettered),
                      "Consumed events copied to the dead-letter stream and acknowledged.");
    metrics_.describe(std::string(kTrimmed),
                      "Pending stream entries whose body was trimmed away, acknowledged unread.");
    metrics_.add_gauge("coursedist_consumer_pending",
                       "Entries of the consumer group delivered but not yet acknowledged.",
                       [pending = pending_] { return pending->load(); });
}

void StreamConsumer::start() {
    spdlog::info("event consumer {} reading {} in group {}", options_.consumer_name,
                 options_.stream, options_.group);
    loop_.start();
}

void StreamConsumer::stop() {
    loop_.stop();
}

// A round that left an entry pending or failed waits (the backoff) before the next one, so a
// database or Redis outage is not hammered; otherwise the next round's blocking read waits.
background::Next StreamConsumer::round() {
    left_pending_in_round_ = false;
    try {
        poll_once();
        if (!redis_ok_) spdlog::info("event consumer: Redis reachable again");
        redis_ok_ = true;
        return left_pending_in_round_ ? background::Next::retry() : background::Next::again();
    } catch (const RedisUnavailable& e) {
        if (redis_ok_) spdlog::warn("event consumer: {}; retrying", e.what());
        redis_ok_ = false;
    } catch (const std::exception& e) {
        spdlog::error("event consumer: {}", e.what());
    }
    return background::Next::retry();
}

std::size_t StreamConsumer::poll_once() {
    ensure_group();
    std::size_t handled = 0;
    if (!own_pending_drained_) {
        // Entries this consumer name was given before a restart come first, as BRAiN does.
        handled += drain_own_pending();
        own_pending_drained_ = true;
    }
    handled += claim_idle();
    handled += read_new();
    refresh_pending();
    return handled;
}

void StreamConsumer::ensure_group() {
    if (group_ready_) return;
    auto reply =
        redis_.command({"XGROUP", "CREATE", options_.stream, options_.group, "0", "MKSTREAM"});
    auto error = error_text(reply.get());
    if (!error.empty() && !error.starts_with("BUSYGROUP"))
        throw RedisUnavailable("XGROUP CREATE refused: " + error);
    group_ready_ = true;
}

RedisReply StreamConsumer::checked(const std::vector<std::string>& argv) {
    auto reply = redis_.command(argv);
    auto error = error_text(reply.get());
    if (error.empty()) return reply;
    // The stream or the group was deleted under us: create it again in the next round.
    if (error.starts_with("NOGROUP")) group_ready_ = false;
    throw RedisUnavailable(argv.front() + " refused: " + error);
}

std::size_t StreamConsumer::drain_own_pending() {
    std::size_t handled = 0;
    std::string after = "0";
    for (;;) {
        auto reply =
            checked({"XREADGROUP", "GROUP", options_.group, options_.consumer_name, "COUNT",
                     std::to_string(options_.batch_size), "STREAMS", options_.stream, after});
        auto entries = read_group_entries(reply.get());
        if (entries.empty()) return handled;
        handled += handle_all(entries, false);
        after = entries.back().id;
    }
}

std::size_t StreamConsumer::claim_idle() {
    auto now = std::chrono::steady_clock::now();
    if (now < next_claim_) return 0;
    // Half the idle time: an entry waits at most 1.5 × min_idle before it is taken over.
    next_claim_ = now + std::clamp(options_.min_idle / 2, std::chrono::milliseconds(200),
                                   std::chrono::milliseconds(5000));
    std::size_t handled = 0;
    std::string cursor = "0-0";
    for (int page = 0; page < kClaimPagesPerSweep; ++page) {
        auto reply = checked({"XAUTOCLAIM", options_.stream, options_.group, options_.consumer_name,
                              millis_arg(options_.min_idle), cursor, "COUNT",
                              std::to_string(options_.batch_size)});
        auto result = autoclaim_result(reply.get());
        // Redis 7 drops pending entries whose body is gone and lists them here.
        if (!result.deleted.empty())
            metrics_.increment(kTrimmed, {}, {}, static_cast<double>(result.deleted.size()));
        handled += handle_all(result.entries, false);
        cursor = result.next_cursor;
        if (cursor == "0-0" || cursor.empty()) break;
    }
    return handled;
}

std::size_t StreamConsumer::read_new() {
    auto reply = checked({"XREADGROUP", "GROUP", options_.group, options_.consumer_name, "COUNT",
                          std::to_string(options_.batch_size), "BLOCK", millis_arg(options_.block),
                          "STREAMS", options_.stream, ">"});
    return handle_all(read_group_entries(reply.get()), true);
}

std::size_t StreamConsumer::handle_all(const std::vector<StreamEntry>& entries,
                                       bool first_delivery) {
    std::vector<std::int64_t> deliveries(entries.size(), 1);
    if (!first_delivery && !entries.empty()) {
        std::vector<std::vector<std::string>> queries;
        for (const auto& e : entries)
            queries.push_back({"XPENDING", options_.stream, options_.group, e.id, e.id, "1"});
        auto replies = redis_.pipeline(queries);
        for (std::size_t i = 0; i < entries.size(); ++i)
            deliveries[i] = delivery_count(replies[i].get()).value_or(1);
    }
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (handle(entries[i], deliveries[i]) == Result::LeftPending) left_pending_in_round_ = true;
    return entries.size();
}

StreamConsumer::Result StreamConsumer::handle(const StreamEntry& entry, std::int64_t deliveries) {
    if (!entry.fields) {
        acknowledge(entry.id);
        metrics_.increment(kTrimmed);
        return Result::Done;
    }
    if (deliveries > options_.max_deliveries) {
        // Already tried as often as allowed (e.g. it crashed the process each time).
        dead_letter(entry, "delivered " + std::to_string(deliveries) + " times without success",
                    deliveries);
        return Result::Done;
    }
    service::IngestKey key{options_.stream, entry.id, true};
    service::IngestOutcome outcome;
    try {
        auto decoded = domain::from_stream_fields(*entry.fields);
        outcome = decoded.ok()
                      ? ingest_.apply(decoded.envelope, key)
                      : ingest_.reject(key, field_or_empty(*entry.fields, "id"),
                                       field_or_empty(*entry.fields, "type"), decoded.errors);
    } catch (const std::exception& e) {
        // Database unavailable or busy (or a handler bug): not acknowledged, so the entry stays
        // pending and XAUTOCLAIM brings it back after min_idle.
        metrics_.increment(kRetried);
        if (deliveries >= options_.max_deliveries) {
            dead_letter(entry, "failed " + std::to_string(deliveries) + " deliveries: " + e.what(),
                        deliveries);
            return Result::Done;
        }
        spdlog::warn("event {} (delivery {}) left pending: {}", entry.id, deliveries, e.what());
        return Result::LeftPending;
    }
    // The dedup row committed with the effect: acknowledging now cannot lose the event. A crash
    // before the XACK redelivers it, and the dedup row turns that into a no-op.
    if (outcome.status == service::IngestStatus::PermanentError)
        dead_letter(entry, describe(outcome), deliveries);
    else
        acknowledge(entry.id);
    return Result::Done;
}

void StreamConsumer::acknowledge(const std::string& id) {
    checked({"XACK", options_.stream, options_.group, id});
}

void StreamConsumer::dead_letter(const StreamEntry& entry, const std::string& error,
                                 std::int64_t deliveries) {
    std::vector<std::string> xadd{"XADD", options_.dead_letter_stream, "MAXLEN",
                                  std::to_string(options_.dead_letter_maxlen), "*"};
    for (const auto& [field, value] : *entry.fields) {
        xadd.push_back(field);
        xadd.push_back(value);
    }
    xadd.insert(xadd.end(), {"error", error, "stream_message_id", entry.id, "delivery_count",
                             std::to_string(deliveries)});
    // Copy first, then acknowledge: a failure in between leaves the entry pending, never lost.
    auto replies = redis_.pipeline({xadd, {"XACK", options_.stream, options_.group, entry.id}});
    for (const auto& reply : replies)
        if (auto error_reply = error_text(reply.get()); !error_reply.empty())
            throw RedisUnavailable("dead-lettering refused: " + error_reply);
    spdlog::warn("event {} dead-lettered to {}: {}", entry.id, options_.dead_letter_stream, error);
    metrics_.increment(kDeadLettered);
}

void StreamConsumer::refresh_pending() {
    auto reply = checked({"XPENDING", options_.stream, options_.group});
    pending_->store(static_cast<double>(pending_total(reply.get())));
}

}  // namespace coursedist::events
