#include "service/outbox_keeper.hpp"

#include "service/distribution_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace coursedist::service {

namespace {
constexpr int kRowsPerTransaction = 1000;
constexpr const char* kPrunedTotal = "coursedist_event_log_pruned_total";

// Often enough that the outbox stays close to its retention, rarely enough to cost nothing.
std::chrono::milliseconds prune_interval_for(std::optional<std::chrono::seconds> retention) {
    using namespace std::chrono;
    if (!retention) return minutes(5);
    return std::clamp<milliseconds>(duration_cast<milliseconds>(*retention) / 10, seconds(1),
                                    minutes(5));
}
}  // namespace

OutboxKeeper::OutboxKeeper(storage::Store& store, Metrics& metrics,
                           std::unique_ptr<OutboxPublisher> publisher, OutboxKeeperOptions options)
    : store_(store),
      metrics_(metrics),
      publisher_(std::move(publisher)),
      options_(options),
      prune_interval_(prune_interval_for(options_.retention)),
      loop_(
          publisher_ ? "outbox relay" : "event log retention", [this] { return round(); },
          options_.backoff) {
    metrics_.describe(kPrunedTotal,
                      "Outbox rows deleted by the retention (embedded mode: events of the event "
                      "log; with Redis: published rows).");
}

void OutboxKeeper::start() {
    if (publisher_ || options_.retention) loop_.start();  // else there is nothing to do
}

void OutboxKeeper::stop() {
    loop_.stop();
}

void OutboxKeeper::wake() {
    loop_.wake();
}

std::string OutboxKeeper::publisher_state() const {
    return publisher_ ? publisher_->state() : std::string("disabled");
}

std::int64_t OutboxKeeper::prune() {
    if (!options_.retention) return 0;
    const double cutoff = system_clock_now() - static_cast<double>(options_.retention->count());
    std::int64_t total = 0;
    if (publisher_) {
        auto tx = store_.begin_write();
        total = tx->prune_published(cutoff);
        tx->commit();
    } else {
        for (;;) {
            auto tx = store_.begin_write();
            const auto pruned = tx->prune_event_log(cutoff, kRowsPerTransaction);
            tx->commit();
            total += pruned;
            if (pruned < kRowsPerTransaction) break;
        }
    }
    if (total > 0) metrics_.increment(kPrunedTotal, {}, {}, static_cast<double>(total));
    return total;
}

void OutboxKeeper::prune_when_due() {
    const auto now = std::chrono::steady_clock::now();
    if (!options_.retention || now < next_prune_) return;
    next_prune_ = now + prune_interval_;
    try {
        if (auto pruned = prune(); pruned > 0)
            spdlog::info("outbox: pruned {} {}events older than {} h", pruned,
                         publisher_ ? "published " : "",
                         static_cast<double>(options_.retention->count()) / 3600);
    } catch (const std::exception& e) {
        spdlog::warn("outbox retention: {}", e.what());  // tried again when next due
    }
}

background::Next OutboxKeeper::round() {
    prune_when_due();
    if (!publisher_) return background::Next::after(prune_interval_);
    switch (publisher_->publish_round()) {
        case OutboxPublisher::Round::More:
            return background::Next::again();
        case OutboxPublisher::Round::Failed:
            return background::Next::retry();
        case OutboxPublisher::Round::Drained:
            break;
    }
    return background::Next::after(options_.poll_interval);
}

}  // namespace coursedist::service
