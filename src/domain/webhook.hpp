#pragma once
// A webhook subscription (spec/webhooks.md, "Subscriptions"): the model, the requests that create
// and change one, and their rules. Plain data and rules; resolving the target's host name is the
// service's.

#include "domain/model.hpp"
#include "domain/model_decoding.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::domain {

inline constexpr std::string_view kAllEvents = "*";
inline constexpr std::size_t kWebhookUrlMax = 2000;
inline constexpr std::size_t kWebhookDescriptionMax = 500;
inline constexpr std::size_t kWebhookEventsMax = 20;
// A webhook with this many failed deliveries in a row is set inactive.
inline constexpr int kWebhookFailuresToDeactivate = 20;

struct Webhook {
    std::string webhook_id;  // wh_ + 16 lowercase hex
    std::string url;
    std::vector<std::string> events;  // produced event types, or just "*"
    std::optional<std::string> description;
    bool active = true;
    std::string secret;  // whsec_…
    // The secret before the last rotation, still signed with until previous_secret_until.
    std::optional<std::string> previous_secret;
    std::optional<double> previous_secret_until;
    double created_at = 0;
    double updated_at = 0;
    friend bool operator==(const Webhook&, const Webhook&) = default;
};

// The event types a webhook may name (the nine produced ones).
const std::vector<std::string_view>& subscribable_event_types();
bool subscribes_to(const Webhook& webhook, std::string_view event_type);

// What the target URL rules allow: `allow_private` (--webhook-allow-private) lifts both the
// https-only rule and the refusal of internal addresses.
struct TargetRules {
    bool allow_private = false;
};

// The members a create (all but description required) or update (any) request sets.
struct WebhookRequest {
    std::optional<std::string> url;
    std::optional<std::vector<std::string>> events;
    std::optional<std::string> description;
    std::optional<bool> active;
};

// Every failing field at once: unknown members, wrong types, the URL rules (absolute, https, a
// host that is no internal IP literal), unknown or repeated event names, lengths.
Decoded<WebhookRequest> decode_webhook_create(const boost::json::value& body, TargetRules rules);
Decoded<WebhookRequest> decode_webhook_update(const boost::json::value& body, TargetRules rules);

// The host of a URL that passed the rules (without IPv6 brackets); nullopt for a malformed one.
std::optional<std::string> url_host(std::string_view url);

// The webhook's public JSON: everything but the secrets.
boost::json::object to_json(const Webhook& webhook);

}  // namespace coursedist::domain
