#include "app/outbox_keeper.hpp"

#include "events/outbox_relay.hpp"

#include <stdexcept>

namespace coursedist::app {

namespace {
std::chrono::seconds seconds_of(double seconds) {
    return std::chrono::seconds(static_cast<long long>(seconds));
}
}  // namespace

std::unique_ptr<service::OutboxKeeper> make_outbox_keeper(const Config& config,
                                                          storage::Store& store,
                                                          service::DistributionService& service,
                                                          service::Metrics& metrics) {
    service::OutboxKeeperOptions options;
    if (!config.redis) {
        if (config.event_log_retention_days > 0)
            options.retention = seconds_of(config.event_log_retention_days * 86400);
        return std::make_unique<service::OutboxKeeper>(store, metrics, nullptr, options);
    }
    auto endpoint = events::parse_redis_uri(*config.redis);
    if (!endpoint)
        throw std::runtime_error(
            "COURSEDIST_REDIS must look like redis://[:password@]host[:port][/db]");
    events::RelayOptions relay;
    relay.stream_maxlen = config.stream_maxlen;
    options.retention = seconds_of(config.outbox_retention_hours * 3600);
    auto keeper = std::make_unique<service::OutboxKeeper>(
        store, metrics, std::make_unique<events::OutboxRelay>(store, *endpoint, metrics, relay),
        options);
    service.add_on_commit([raw = keeper.get()] { raw->wake(); });
    return keeper;
}

}  // namespace coursedist::app
