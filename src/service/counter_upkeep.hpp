#pragma once
// The background work of counting (analytics.md), on one thread: closing the counter windows
// that are due, so that each coalesced event appears one window after its first count, and
// keeping the hourly buckets within their retention (deleted oldest first, in small transactions,
// once a day).

#include "background/loop.hpp"
#include "service/distribution_service.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

namespace coursedist::service {

struct CounterUpkeepOptions {
    // Buckets older than this many days are deleted; nullopt keeps them forever.
    std::optional<int> bucket_retention_days = 400;
    std::chrono::milliseconds prune_interval = std::chrono::hours(24);
    background::Backoff backoff{std::chrono::milliseconds(100), std::chrono::milliseconds(5000)};
};

class CounterUpkeep {
  public:
    // Hooks itself to the service: a commit that may have opened a window wakes it when it sleeps
    // with no window known.
    CounterUpkeep(DistributionService& service, CounterUpkeepOptions options);
    // Stops, and unhooks itself: destroy it while no count is in flight (e.g. after the service's
    // committer stopped).
    ~CounterUpkeep();
    CounterUpkeep(const CounterUpkeep&) = delete;
    CounterUpkeep& operator=(const CounterUpkeep&) = delete;

    void start();
    // Lets the round in flight finish and joins; then closes every window still open, so their
    // events are committed before the process ends. Idempotent.
    void stop();

    // Deletes the buckets past the retention now; returns how many.
    std::int64_t prune();

  private:
    background::Next round();
    void prune_when_due();

    DistributionService& service_;
    CounterUpkeepOptions options_;
    std::chrono::steady_clock::time_point next_prune_{};  // loop thread only
    // No window was open after the last round: the next one to open must wake the loop.
    std::atomic<bool> idle_{true};
    background::Loop loop_;  // last: stopped first
};

}  // namespace coursedist::service
