#include "service/webhook_service.hpp"

#include "domain/network_address.hpp"
#include "domain/webhook_signature.hpp"
#include "service/errors.hpp"
#include "service/ids.hpp"

#include <charconv>

namespace coursedist::service {

namespace {

domain::Webhook find_or_throw(storage::Transaction& tx, std::string_view webhook_id) {
    auto webhook = tx.find_webhook(webhook_id);
    if (!webhook) throw NotFound("no such webhook");
    return *webhook;
}

std::optional<std::int64_t> parse_cursor(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
    return value;
}

}  // namespace

WebhookService::WebhookService(storage::Store& store, domain::TargetRules rules,
                               ResolveHost resolve, Clock clock)
    : store_(store), rules_(rules), resolve_(std::move(resolve)), clock_(std::move(clock)) {}

// A host name is refused when any of its addresses is internal: a name with one public and one
// loopback address would otherwise reach the loopback one by chance.
void WebhookService::check_target(const std::string& url, domain::FieldErrors& errors) const {
    if (rules_.allow_private) return;
    const auto host = domain::url_host(url);
    if (!host || domain::is_ip_literal(*host)) return;  // the domain's rules judged it
    for (const auto& address : resolve_(*host)) {
        if (auto kind = domain::internal_address_kind(address)) {
            errors.push_back({"url", "must not point at a " + *kind + " address (" + *host +
                                         " resolves to " + address + ")"});
            return;
        }
    }
}

domain::Webhook WebhookService::create(const boost::json::value& body) {
    auto decoded = domain::decode_webhook_create(body, rules_);
    if (decoded.ok()) check_target(*decoded.value.url, decoded.errors);
    if (!decoded.ok()) throw ValidationFailed(decoded.errors);
    const auto now = clock_();
    domain::Webhook webhook;
    webhook.webhook_id = "wh_" + random_hex(16);
    webhook.url = *decoded.value.url;
    webhook.events = *decoded.value.events;
    webhook.description = decoded.value.description;
    webhook.active = decoded.value.active.value_or(true);
    webhook.secret = domain::new_webhook_secret();
    webhook.created_at = now;
    webhook.updated_at = now;
    auto tx = store_.begin_write();
    tx->insert_webhook(webhook);
    tx->commit();
    changed();
    return webhook;
}

std::vector<domain::Webhook> WebhookService::list() {
    return store_.begin_read()->list_webhooks();
}

domain::Webhook WebhookService::get(std::string_view webhook_id) {
    return find_or_throw(*store_.begin_read(), webhook_id);
}

domain::Webhook WebhookService::update(std::string_view webhook_id,
                                       const boost::json::value& body) {
    auto decoded = domain::decode_webhook_update(body, rules_);
    if (decoded.ok() && decoded.value.url) check_target(*decoded.value.url, decoded.errors);
    if (!decoded.ok()) throw ValidationFailed(decoded.errors);
    auto tx = store_.begin_write();
    auto webhook = find_or_throw(*tx, webhook_id);
    const auto& change = decoded.value;
    if (change.url) webhook.url = *change.url;
    if (change.events) webhook.events = *change.events;
    if (change.description) webhook.description = *change.description;
    if (change.active) webhook.active = *change.active;
    webhook.updated_at = clock_();
    tx->update_webhook(webhook);
    tx->commit();
    changed();
    return webhook;
}

void WebhookService::remove(std::string_view webhook_id) {
    auto tx = store_.begin_write();
    if (!tx->remove_webhook(webhook_id)) throw NotFound("no such webhook");
    tx->commit();
}

domain::Webhook WebhookService::rotate_secret(std::string_view webhook_id) {
    auto tx = store_.begin_write();
    auto webhook = find_or_throw(*tx, webhook_id);
    const auto now = clock_();
    webhook.previous_secret = webhook.secret;
    webhook.previous_secret_until = now + domain::kPreviousSecretSeconds;
    webhook.secret = domain::new_webhook_secret();
    webhook.updated_at = now;
    tx->update_webhook(webhook);
    tx->commit();
    return webhook;
}

DeliveryPage WebhookService::deliveries(std::string_view webhook_id, int limit,
                                        const std::optional<std::string>& cursor) {
    std::optional<std::int64_t> before;
    if (cursor) {
        before = parse_cursor(*cursor);
        if (!before)
            throw ValidationFailed(
                domain::FieldErrors{{"cursor", "is not a cursor of this listing"}});
    }
    auto tx = store_.begin_read();
    find_or_throw(*tx, webhook_id);
    DeliveryPage page;
    page.items = tx->deliveries_of(webhook_id, before, limit + 1);
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.resize(static_cast<std::size_t>(limit));
        page.next_cursor = std::to_string(page.items.back().delivery_id);
    }
    return page;
}

void WebhookService::redeliver(std::string_view webhook_id, std::int64_t delivery_id) {
    auto tx = store_.begin_write();
    find_or_throw(*tx, webhook_id);
    auto delivery = tx->find_delivery(webhook_id, delivery_id);
    if (!delivery) throw NotFound("no such delivery");
    auto event = tx->find_outbox(delivery->seq);
    if (!event) throw Conflict("the event of this delivery is no longer kept in the outbox");
    tx->queue_redelivery(webhook_id,
                         {0, event->seq, event->event_id, event->event_type, event->envelope_json});
    tx->commit();
    changed();
}

void WebhookService::changed() const {
    for (const auto& hook : on_change_) hook();
}

}  // namespace coursedist::service
