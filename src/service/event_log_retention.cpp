#include "service/event_log_retention.hpp"

#include "service/distribution_service.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace coursedist::service {

namespace {
constexpr int kRowsPerTransaction = 1000;
constexpr const char* kPrunedTotal = "coursedist_event_log_pruned_total";

// Often enough that the log stays close to its retention, rarely enough to cost nothing.
std::chrono::milliseconds interval_for(std::chrono::seconds retention) {
    using namespace std::chrono;
    return std::clamp<milliseconds>(duration_cast<milliseconds>(retention) / 10, seconds(1),
                                    minutes(5));
}
}  // namespace

EventLogRetention::EventLogRetention(storage::Store& store, Metrics& metrics,
                                     std::chrono::seconds retention)
    : store_(store), metrics_(metrics), retention_(retention), interval_(interval_for(retention)) {
    metrics_.describe(kPrunedTotal, "Events deleted from the embedded event log by its retention.");
}

EventLogRetention::~EventLogRetention() {
    stop();
}

void EventLogRetention::start() {
    thread_ = std::thread([this] { run(); });
}

void EventLogRetention::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::int64_t EventLogRetention::prune() {
    const double cutoff = system_clock_now() - static_cast<double>(retention_.count());
    std::int64_t total = 0;
    for (;;) {
        auto tx = store_.begin_write();
        const auto pruned = tx->prune_event_log(cutoff, kRowsPerTransaction);
        tx->commit();
        total += pruned;
        if (pruned < kRowsPerTransaction) break;
    }
    if (total > 0) metrics_.increment(kPrunedTotal, {}, {}, static_cast<double>(total));
    return total;
}

void EventLogRetention::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            if (auto pruned = prune(); pruned > 0)
                spdlog::info("event log: pruned {} events older than {} days", pruned,
                             static_cast<double>(retention_.count()) / 86400);
        } catch (const std::exception& e) {
            spdlog::warn("event log retention: {}", e.what());  // tried again next round
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

}  // namespace coursedist::service
