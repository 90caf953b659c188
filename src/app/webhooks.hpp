#pragma once
// The webhooks' parts, wired: the HTTPS client, the subscriptions' service (its routes bound by
// the caller) and the dispatcher, woken by every commit of the distribution service and by a
// queued redelivery. Its own folder-level wiring, as the outbox keeper and the consumer have.

#include "app/config.hpp"
#include "events/webhook_client.hpp"
#include "service/distribution_service.hpp"
#include "service/metrics.hpp"
#include "service/webhook_dispatcher.hpp"
#include "service/webhook_service.hpp"

#include <memory>

namespace coursedist::app {

struct Webhooks {
    Webhooks(const Config& config, storage::Store& store, service::DistributionService& service,
             service::Metrics& metrics);
    events::WebhookClient client;
    service::WebhookService subscriptions;
    service::WebhookDispatcher dispatcher;  // not started
};

}  // namespace coursedist::app
