#include "domain/webhook.hpp"

#include "domain/event.hpp"
#include "domain/events.hpp"
#include "domain/network_address.hpp"
#include "domain/object_decoder.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <set>

namespace coursedist::domain {

namespace json = boost::json;
using decoding::Members;
using decoding::Presence;

namespace {

std::optional<bool> read_bool(const json::value& v, const std::string& field, FieldErrors& errors) {
    if (v.is_bool()) return v.get_bool();
    errors.push_back({field, "must be true or false"});
    return std::nullopt;
}

const Members<WebhookRequest>& webhook_members(Presence required) {
    static const auto make = [](Presence presence) {
        return Members<WebhookRequest>{
            decoding::member("url", &WebhookRequest::url, decoding::text(), presence),
            decoding::member("events", &WebhookRequest::events, decoding::texts(), presence),
            decoding::member("description", &WebhookRequest::description,
                             decoding::text(kWebhookDescriptionMax)),
            decoding::member("active", &WebhookRequest::active,
                             decoding::ValueReader<bool>(read_bool)),
        };
    };
    static const auto create = make(Presence::Required);
    static const auto update = make(Presence::Optional);
    return required == Presence::Required ? create : update;
}

void check_url(const std::string& url, TargetRules rules, FieldErrors& errors) {
    if (url.size() > kWebhookUrlMax) {
        errors.push_back({"url", "must be at most " + std::to_string(kWebhookUrlMax) + " bytes"});
        return;
    }
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || !parsed->has_authority() || parsed->host().empty()) {
        errors.push_back({"url", "must be an absolute URL with a host"});
        return;
    }
    const auto scheme = parsed->scheme_id();
    const bool https = scheme == boost::urls::scheme::https;
    if (!https && !(rules.allow_private && scheme == boost::urls::scheme::http)) {
        errors.push_back({"url", "must be an https URL"});
        return;
    }
    if (parsed->has_userinfo()) errors.push_back({"url", "must not carry a user name or password"});
    if (rules.allow_private) return;
    const auto host = url_host(url);
    if (!host) {
        errors.push_back({"url", "must name its host by name, IPv4 or IPv6 address"});
        return;
    }
    if (auto kind = internal_address_kind(*host))
        errors.push_back({"url", "must not point at a " + *kind + " address"});
}

void check_events(const std::vector<std::string>& events, FieldErrors& errors) {
    if (events.empty()) {
        errors.push_back({"events", "must name at least one event type, or \"*\""});
        return;
    }
    if (events.size() > kWebhookEventsMax) {
        errors.push_back(
            {"events", "must name at most " + std::to_string(kWebhookEventsMax) + " event types"});
        return;
    }
    const auto& known = subscribable_event_types();
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& name = events[i];
        if (name == kAllEvents) {
            if (events.size() > 1)
                errors.push_back({indexed("events", i), "\"*\" must stand alone"});
        } else if (std::find(known.begin(), known.end(), name) == known.end()) {
            errors.push_back({indexed("events", i), "is not an event type this service produces"});
        }
        if (!seen.insert(name).second) errors.push_back({indexed("events", i), "is repeated"});
    }
}

Decoded<WebhookRequest> decode(const json::value& body, TargetRules rules, Presence required) {
    Decoded<WebhookRequest> out;
    decoding::decode_members(body, "", webhook_members(required), out.value, out.errors);
    FieldErrors rule_errors;
    if (out.value.url) check_url(*out.value.url, rules, rule_errors);
    if (out.value.events) check_events(*out.value.events, rule_errors);
    decoding::add_rule_errors(out.errors, rule_errors);
    return out;
}

}  // namespace

const std::vector<std::string_view>& subscribable_event_types() {
    namespace t = event_type;
    static const std::vector<std::string_view> types{
        t::kCreated,           t::kUpdated,           t::kDeleted,
        t::kPublished,         t::kUnpublished,       t::kViewed,
        t::kEnrollmentClicked, t::kMicroNicheCreated, t::kVersionBumped};
    return types;
}

bool subscribes_to(const Webhook& webhook, std::string_view event_type) {
    return std::any_of(webhook.events.begin(), webhook.events.end(),
                       [&](const std::string& e) { return e == kAllEvents || e == event_type; });
}

Decoded<WebhookRequest> decode_webhook_create(const json::value& body, TargetRules rules) {
    return decode(body, rules, Presence::Required);
}

Decoded<WebhookRequest> decode_webhook_update(const json::value& body, TargetRules rules) {
    return decode(body, rules, Presence::Optional);
}

std::optional<std::string> url_host(std::string_view url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || !parsed->has_authority()) return std::nullopt;
    switch (parsed->host_type()) {
        case boost::urls::host_type::ipv4:
            return std::string(parsed->host_ipv4_address().to_string());
        case boost::urls::host_type::ipv6:
            return std::string(parsed->host_ipv6_address().to_string());
        case boost::urls::host_type::name:
            return std::string(parsed->encoded_host_name());
        default:
            return std::nullopt;  // IPvFuture: no address to check, refused by the caller
    }
}

json::object to_json(const Webhook& w) {
    json::array events;
    for (const auto& e : w.events) events.emplace_back(e);
    json::object out{{"webhook_id", w.webhook_id},  {"url", w.url},
                     {"events", std::move(events)}, {"description", nullptr},
                     {"active", w.active},          {"created_at", w.created_at},
                     {"updated_at", w.updated_at}};
    if (w.description) out["description"] = *w.description;
    return out;
}

}  // namespace coursedist::domain
