#pragma once
// The outbox relay when Redis is configured; nullptr in embedded mode (the outbox is then the
// event log behind GET /api/events).

#include "app/config.hpp"
#include "events/outbox_relay.hpp"
#include "service/distribution_service.hpp"

#include <memory>

namespace coursedist::app {

// Throws std::runtime_error for a malformed COURSEDIST_REDIS. The service is hooked to wake the
// relay after each commit; the relay is not started.
std::unique_ptr<events::OutboxRelay> make_event_relay(const Config& config, storage::Store& store,
                                                      service::DistributionService& service,
                                                      service::Metrics& metrics);

}  // namespace coursedist::app
