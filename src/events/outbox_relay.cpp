#include "events/outbox_relay.hpp"

#include "service/distribution_service.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <algorithm>

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
    for (auto& [field, value] : to_stream_fields(json::parse(row.envelope_json).as_object())) {
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

OutboxRelay::~OutboxRelay() {
    stop();
}

void OutboxRelay::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { run(); });
}

void OutboxRelay::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void OutboxRelay::notify() {
    {
        std::lock_guard lock(mutex_);
        notified_ = true;
    }
    wake_.notify_one();
}

std::string OutboxRelay::redis_state() const {
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

std::int64_t OutboxRelay::prune() {
    double cutoff = service::system_clock_now() - static_cast<double>(options_.retention.count());
    auto tx = store_.begin_write();
    auto pruned = tx->prune_published(cutoff);
    tx->commit();
    return pruned;
}

void OutboxRelay::prune_when_due() {
    auto now = std::chrono::steady_clock::now();
    if (now < next_prune_) return;
    next_prune_ = now + options_.prune_interval;
    if (auto pruned = prune(); pruned > 0)
        spdlog::info("outbox: pruned {} published events older than {} h", pruned,
                     options_.retention.count() / 3600.0);
}

bool OutboxRelay::wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, timeout, [this] { return stopping_ || notified_; });
    notified_ = false;
    return !stopping_;
}

void OutboxRelay::run() {
    auto backoff = options_.first_backoff;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            notified_ = false;  // this round sees every row committed before it
        }
        try {
            prune_when_due();
            auto published = publish_batch();
            // An idle relay still learns whether Redis is there, for /readyz.
            if (published == 0) redis_.command({"PING"});
            set_state("ok");
            backoff = options_.first_backoff;
            if (published == static_cast<std::size_t>(options_.batch_size)) continue;
            if (!wait(options_.poll_interval)) return;
        } catch (const std::exception& e) {
            metrics_.increment(kRelayErrorsTotal);
            if (dynamic_cast<const RedisUnavailable*>(&e))
                set_state(std::string("unavailable: ") + e.what());
            else
                spdlog::error("outbox relay: {}", e.what());
            // Not cut short by notify(): new commits must not turn the backoff into a busy loop.
            std::unique_lock lock(mutex_);
            if (wake_.wait_for(lock, backoff, [this] { return stopping_; })) return;
            backoff = std::min(backoff * 2, options_.max_backoff);
        }
    }
}

}  // namespace coursedist::events
