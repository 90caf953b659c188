#pragma once
// When a failed webhook delivery is tried again (spec/webhooks.md, "Delivery"): each wait counted
// from the previous failure, 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then hourly, as long as the
// next try is within 24 h of the first; after that the delivery is failed. `scale` multiplies
// every duration of the schedule, the 24 h included (--webhook-retry-scale; 1 in production, small
// in tests so that they need not wait minutes).

#include <optional>

namespace coursedist::domain {

inline constexpr double kRetryHorizonSeconds = 24 * 3600;

// The wait in seconds before the next try after `failed_attempts` (>= 1) failures in a row, the
// last one `since_first_attempt` seconds after the first try; nullopt: the delivery is failed.
std::optional<double> retry_wait(int failed_attempts, double since_first_attempt, double scale = 1);

}  // namespace coursedist::domain
