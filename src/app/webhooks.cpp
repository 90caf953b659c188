#include "app/webhooks.hpp"

#include "app/version.hpp"

namespace coursedist::app {

namespace {

events::WebhookClientOptions client_options(const Config& config) {
    events::WebhookClientOptions options;
    options.allow_private = config.webhook_allow_private;
    return options;
}

service::WebhookDispatcherOptions dispatcher_options(const Config& config) {
    service::WebhookDispatcherOptions options;
    options.retry_scale = config.webhook_retry_scale;
    options.user_agent = std::string("coursedist-webhooks/") + kVersion;
    return options;
}

}  // namespace

Webhooks::Webhooks(const Config& config, storage::Store& store,
                   service::DistributionService& service, service::Metrics& metrics)
    : client(client_options(config)),
      subscriptions(store, domain::TargetRules{config.webhook_allow_private}, events::resolve_host),
      dispatcher(store, metrics, client, dispatcher_options(config)) {
    service.add_on_commit([this] { dispatcher.wake(); });
    subscriptions.add_on_change([this] { dispatcher.subscriptions_changed(); });
}

}  // namespace coursedist::app
