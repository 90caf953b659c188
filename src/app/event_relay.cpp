#include "app/event_relay.hpp"

#include <stdexcept>

namespace coursedist::app {

std::unique_ptr<events::OutboxRelay> make_event_relay(const Config& config, storage::Store& store,
                                                      service::DistributionService& service,
                                                      service::Metrics& metrics) {
    if (!config.redis) return nullptr;
    auto endpoint = events::parse_redis_uri(*config.redis);
    if (!endpoint)
        throw std::runtime_error(
            "COURSEDIST_REDIS must look like redis://[:password@]host[:port][/db]");
    events::RelayOptions options;
    options.stream_maxlen = config.stream_maxlen;
    options.retention =
        std::chrono::seconds(static_cast<long long>(config.outbox_retention_hours * 3600));
    auto relay = std::make_unique<events::OutboxRelay>(store, *endpoint, metrics, options);
    service.add_on_commit([raw = relay.get()] { raw->notify(); });
    return relay;
}

}  // namespace coursedist::app
