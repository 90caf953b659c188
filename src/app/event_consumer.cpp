#include "app/event_consumer.hpp"

#include <stdexcept>

namespace coursedist::app {

std::unique_ptr<events::StreamConsumer> make_event_consumer(const Config& config,
                                                            service::EventIngest& ingest,
                                                            service::Metrics& metrics) {
    if (!config.redis || !config.consumer) return nullptr;
    auto endpoint = events::parse_redis_uri(*config.redis);
    if (!endpoint)
        throw std::runtime_error(
            "COURSEDIST_REDIS must look like redis://[:password@]host[:port][/db]");
    events::ConsumerOptions options;
    options.min_idle =
        std::chrono::milliseconds(static_cast<long long>(config.consumer_min_idle_seconds * 1000));
    options.max_deliveries = config.consumer_max_deliveries;
    options.dead_letter_maxlen = config.dlq_maxlen;
    return std::make_unique<events::StreamConsumer>(ingest, *endpoint, metrics, options);
}

}  // namespace coursedist::app
