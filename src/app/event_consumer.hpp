#pragma once
// The consumer of course_factory events when Redis is configured and the consumer is on;
// nullptr otherwise (events then come through POST /api/events).

#include "app/config.hpp"
#include "events/stream_consumer.hpp"
#include "service/event_ingest.hpp"
#include "service/metrics.hpp"

#include <memory>

namespace coursedist::app {

// Throws std::runtime_error for a malformed COURSEDIST_REDIS. The consumer is not started.
std::unique_ptr<events::StreamConsumer> make_event_consumer(const Config& config,
                                                            service::EventIngest& ingest,
                                                            service::Metrics& metrics);

}  // namespace coursedist::app
