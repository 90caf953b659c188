#include "events/outbox_relay.hpp"

#include "service/distribution_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

namespace coursedist::events {

namespace json = boost::json;

namespace {

constexpr std::string_view kPublishedTotal = "coursedist_events_published_total";
constexpr std::string_view kRelayErrorsTotal = "coursedist_relay_errors_total";

std::vector<std::string> xadd_command(const RelayOptions& options,
                                      const storage::OutboxEvent& row) {
    std::vector<std::string> argv{
        "XADD", options.stream, "MAXLEN", "~", std::to_string(options.stream_maxlen), "*"};
    // The envelope was serialized by this service (Changes::emit): parsing cannot fail short of
    // a corrupted database, which json::parse reports by throwing.
    for (auto& [field, value] :
         domain::to_stream_fields(json::parse(row.envelope_json).as_object())) {
        argv.push_back(std::move(field));
        argv.push_back(std::move(value));
    }
    return argv;
}

}  // namespace

OutboxRelay::OutboxRelay(storage::Store& store, RedisEndpoint endpoint, service::Metrics& metrics,
                         RelayOptions options)
    : store_(store),
      metrics_(metrics),
      options_(std::move(options)),
      redis_(std::move(endpoint), options_.redis_timeout) {
    metrics_.describe(std::string(kPublishedTotal), "Outbox events published to Redis.");
    metrics_.describe(std::string(kRelayErrorsTotal),
                      "Relay rounds that failed (Redis unreachable or refusing, storage errors).");
    metrics_.add_gauge("coursedist_outbox_backlog", "Outbox events not yet published.", [&store] {
        return static_cast<double>(store.begin_read()->outbox_backlog());
    });
}

std::string OutboxRelay::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

void OutboxRelay::set_state(std::string state) {
    std::lock_guard lock(mutex_);
    if (state == state_) return;
    if (state == "ok")
        spdlog::info("event stream: Redis reachable, relaying the outbox");
    else
        spdlog::warn("event stream: Redis {}; events wait in the outbox", state);
    state_ = std::move(state);
}

std::size_t OutboxRelay::publish_batch() {
    auto rows = store_.begin_read()->unpublished_outbox(options_.batch_size);
    if (rows.empty()) return 0;

    std::vector<std::vector<std::string>> commands;
    commands.reserve(rows.size());
    for (const auto& row : rows) commands.push_back(xadd_command(options_, row));
    auto replies = redis_.pipeline(commands);

    // Replies come in order: everything before the first refused XADD is on the stream.
    std::vector<std::int64_t> acknowledged;
    std::string refusal;
    for (std::size_t i = 0; i < replies.size(); ++i) {
        if (replies[i]->type == REDIS_REPLY_ERROR) {
            refusal = std::string(replies[i]->str, replies[i]->len);
            break;
        }
        acknowledged.push_back(rows[i].seq);
    }
    if (!acknowledged.empty()) {
        auto tx = store_.begin_write();
        tx->mark_published(acknowledged, service::system_clock_now());
        tx->commit();
        metrics_.increment(kPublishedTotal, {}, {}, static_cast<double>(acknowledged.size()));
    }
    // A refusing server (out of memory, read-only replica, wrong key type) is retried like an
    // unreachable one: the rows stay in the outbox, in order.
    if (!refusal.empty()) throw RedisUnavailable("XADD refused: " + refusal);
    return acknowledged.size();
}

OutboxRelay::Round OutboxRelay::publish_round() {
    try {
        const auto published = publish_batch();
        if (published == 0) redis_.command({"PING"});
        set_state("ok");
        return published == static_cast<std::size_t>(options_.batch_size) ? Round::More
                                                                          : Round::Drained;
    } catch (const RedisUnavailable& e) {
        metrics_.increment(kRelayErrorsTotal);
        set_state(std::string("unavailable: ") + e.what());
    } catch (const std::exception& e) {
        metrics_.increment(kRelayErrorsTotal);
        spdlog::error("outbox relay: {}", e.what());
    }
    return Round::Failed;
}

}  // namespace coursedist::events
