#pragma once
// The outbox's background work: relayed to Redis when configured (published rows kept for
// --outbox-retention-hours), otherwise the event log behind GET /api/events (kept for
// --event-log-retention-days).

#include "app/config.hpp"
#include "service/distribution_service.hpp"
#include "service/outbox_keeper.hpp"

#include <memory>

namespace coursedist::app {

// Throws std::runtime_error for a malformed COURSEDIST_REDIS. When relaying, the service is
// hooked to wake the keeper after each commit. The keeper is not started.
std::unique_ptr<service::OutboxKeeper> make_outbox_keeper(const Config& config,
                                                          storage::Store& store,
                                                          service::DistributionService& service,
                                                          service::Metrics& metrics);

}  // namespace coursedist::app
