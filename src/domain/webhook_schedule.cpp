#include "domain/webhook_schedule.hpp"

#include <array>

namespace coursedist::domain {

std::optional<double> retry_wait(int failed_attempts, double since_first_attempt, double scale) {
    static constexpr std::array<double, 6> kWaits{5, 30, 120, 600, 1800, 3600};
    if (failed_attempts < 1) failed_attempts = 1;
    const auto index = static_cast<std::size_t>(failed_attempts - 1);
    const double wait = (index < kWaits.size() ? kWaits[index] : kWaits.back()) * scale;
    if (since_first_attempt + wait > kRetryHorizonSeconds * scale) return std::nullopt;
    return wait;
}

}  // namespace coursedist::domain
