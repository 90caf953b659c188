#pragma once
// The webhook subscriptions (spec/webhooks.md, "Subscriptions") and their delivery log: create,
// read, update, delete, rotate the secret, page the log, queue a redelivery. Each change is one
// transaction. Target URLs are checked by the domain's rules and, for a host name, by the
// addresses it resolves to now (the dispatcher checks them again at every delivery).

#include "domain/webhook.hpp"
#include "service/distribution_service.hpp"
#include "service/webhook_sender.hpp"
#include "storage/store.hpp"

#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::service {

struct DeliveryPage {
    std::vector<storage::DeliveryAttempt> items;
    std::optional<std::string> next_cursor;
};

class WebhookService {
  public:
    WebhookService(storage::Store& store, domain::TargetRules rules, ResolveHost resolve,
                   Clock clock = system_clock_now);

    // ValidationFailed (every failing field) for a refused body. The answer holds the secret.
    domain::Webhook create(const boost::json::value& body);
    std::vector<domain::Webhook> list();
    domain::Webhook get(std::string_view webhook_id);  // NotFound
    domain::Webhook update(std::string_view webhook_id, const boost::json::value& body);
    void remove(std::string_view webhook_id);
    // A new secret; the old one is still signed with for 24 h. The answer holds the new secret.
    domain::Webhook rotate_secret(std::string_view webhook_id);
    // Newest first; `cursor` is a next_cursor of an earlier page (ValidationFailed otherwise).
    DeliveryPage deliveries(std::string_view webhook_id, int limit,
                            const std::optional<std::string>& cursor);
    // Queues the delivery's event to be sent once more; NotFound for an unknown delivery,
    // Conflict when the event has left the outbox.
    void redeliver(std::string_view webhook_id, std::int64_t delivery_id);

    // Called after a change the dispatcher should see at once (a webhook created or changed, a
    // redelivery queued).
    void add_on_change(std::function<void()> hook) { on_change_.push_back(std::move(hook)); }

  private:
    void check_target(const std::string& url, domain::FieldErrors& errors) const;
    void changed() const;

    storage::Store& store_;
    domain::TargetRules rules_;
    ResolveHost resolve_;
    Clock clock_;
    std::vector<std::function<void()>> on_change_;
};

}  // namespace coursedist::service
