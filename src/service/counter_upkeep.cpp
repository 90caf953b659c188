#include "service/counter_upkeep.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace coursedist::service {

namespace {
constexpr int kBucketsPerTransaction = 5000;
constexpr const char* kPrunedTotal = "coursedist_buckets_pruned_total";
}  // namespace

CounterUpkeep::CounterUpkeep(DistributionService& service, CounterUpkeepOptions options)
    : service_(service),
      options_(options),
      loop_(
          "counter upkeep", [this] { return round(); }, options_.backoff) {
    service_.metrics().describe(kPrunedTotal, "Hourly buckets deleted by their retention.");
    service_.set_on_window_opened([this] {
        if (idle_.exchange(false, std::memory_order_acq_rel)) loop_.wake();
    });
}

CounterUpkeep::~CounterUpkeep() {
    stop();
    service_.set_on_window_opened(nullptr);
}

void CounterUpkeep::start() {
    loop_.start();
}

void CounterUpkeep::stop() {
    loop_.stop();
    if (service_.counter_event_window() <= 0) return;
    try {
        service_.close_counter_windows(DistributionService::Windows::All);
    } catch (const std::exception& e) {
        // They stay in the database and close at the next start.
        spdlog::warn("counter windows left open at shutdown: {}", e.what());
    }
}

std::int64_t CounterUpkeep::prune() {
    if (!options_.bucket_retention_days) return 0;
    const auto cutoff_hour = static_cast<std::int64_t>(std::floor(service_.now() / 3600)) -
                             std::int64_t{24} * *options_.bucket_retention_days;
    std::int64_t total = 0;
    for (;;) {
        auto tx = service_.store().begin_write();
        const auto pruned = tx->prune_buckets(cutoff_hour, kBucketsPerTransaction);
        tx->commit();
        total += pruned;
        if (pruned < kBucketsPerTransaction) break;
    }
    if (total > 0) service_.metrics().increment(kPrunedTotal, {}, {}, static_cast<double>(total));
    return total;
}

void CounterUpkeep::prune_when_due() {
    const auto now = std::chrono::steady_clock::now();
    if (!options_.bucket_retention_days || now < next_prune_) return;
    next_prune_ = now + options_.prune_interval;
    try {
        if (auto pruned = prune(); pruned > 0)
            spdlog::info("counters: pruned {} hourly buckets older than {} days", pruned,
                         *options_.bucket_retention_days);
    } catch (const std::exception& e) {
        spdlog::warn("bucket retention: {}", e.what());  // tried again when next due
    }
}

background::Next CounterUpkeep::round() {
    using namespace std::chrono;
    prune_when_due();
    // Without a retention there is no prune to wait for: the loop then sleeps a day at a time.
    const auto until_prune =
        options_.bucket_retention_days
            ? std::max(duration_cast<milliseconds>(next_prune_ - steady_clock::now()),
                       milliseconds(0))
            : duration_cast<milliseconds>(hours(24));
    if (service_.counter_event_window() <= 0) return background::Next::after(until_prune);
    // Windows another instance opened (and a crash left open) are found at least this often.
    const auto until_look = std::min(until_prune, milliseconds(seconds(5)));
    // Idle before looking: a window opened while we look wakes the next sleep.
    idle_.store(true, std::memory_order_release);
    const auto next_due = service_.close_counter_windows();
    if (!next_due) return background::Next::after(until_look);
    idle_.store(false, std::memory_order_release);
    const auto wait = milliseconds(
        static_cast<long long>(std::ceil(std::max(0.0, *next_due - service_.now()) * 1000)));
    return background::Next::after(
        std::clamp(wait, milliseconds(1), std::max(until_look, milliseconds(1))));
}

}  // namespace coursedist::service
