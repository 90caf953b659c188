// The webhook routes (spec/webhooks.md): admin only (Access::Admin in the route table).

#include "http/api.hpp"
#include "http/request_support.hpp"
#include "service/errors.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace coursedist::http {

namespace json = boost::json;

namespace {

constexpr int kDefaultDeliveries = 50;
constexpr int kMaxDeliveries = 100;

// Times are Unix seconds, as everywhere in the API.
json::value optional_time(const std::optional<double>& t) {
    if (!t) return nullptr;
    return *t;
}

json::object webhook_body(const domain::Webhook& w) {
    return domain::to_json(w);
}

// The create and rotate answers: the only ones that show the secret.
json::object with_secret(const domain::Webhook& w) {
    auto body = webhook_body(w);
    body["secret"] = w.secret;
    body["previous_secret_valid_until"] = optional_time(w.previous_secret_until);
    return body;
}

json::object delivery_body(const storage::DeliveryAttempt& a) {
    json::value response_status = nullptr;
    if (a.response_status) response_status = *a.response_status;
    json::value error = nullptr;
    if (a.error) error = *a.error;
    return {{"delivery_id", a.delivery_id},
            {"event_id", a.event_id},
            {"event_type", a.event_type},
            {"attempt", a.attempt},
            {"status", a.status},
            {"response_status", response_status},
            {"error", error},
            {"duration_ms", a.duration_ms},
            {"attempted_at", a.attempted_at},
            {"next_attempt_at", optional_time(a.next_attempt_at)},
            {"response_excerpt", a.response_excerpt}};
}

std::int64_t delivery_id_of(const PathParams& p) {
    const auto& text = p.at("delivery_id");
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size())
        throw service::NotFound("no such delivery");
    return id;
}

}  // namespace

void bind_webhook_routes(RouteHandlers& routes, service::WebhookService& webhooks) {
    routes.bind("createWebhook", [&webhooks](const Request& req, const PathParams&) {
        auto created = webhooks.create(json_body(req));
        auto response = json_ok(with_secret(created), 201);
        response.set("Location", "/api/webhooks/" + created.webhook_id);
        return response;
    });
    routes.bind("listWebhooks", [&webhooks](const Request&, const PathParams&) {
        json::array items;
        for (const auto& w : webhooks.list()) items.push_back(webhook_body(w));
        return json_ok(json::object{{"items", std::move(items)}});
    });
    routes.bind("getWebhook", [&webhooks](const Request&, const PathParams& p) {
        return json_ok(webhook_body(webhooks.get(p.at("webhook_id"))));
    });
    routes.bind("updateWebhook", [&webhooks](const Request& req, const PathParams& p) {
        return json_ok(webhook_body(webhooks.update(p.at("webhook_id"), json_body(req))));
    });
    routes.bind("deleteWebhook", [&webhooks](const Request&, const PathParams& p) {
        webhooks.remove(p.at("webhook_id"));
        Response response;
        response.status = 204;
        return response;
    });
    routes.bind("rotateWebhookSecret", [&webhooks](const Request&, const PathParams& p) {
        return json_ok(with_secret(webhooks.rotate_secret(p.at("webhook_id"))));
    });
    routes.bind("listWebhookDeliveries", [&webhooks](const Request& req, const PathParams& p) {
        const int limit = int_param(req, "limit", kDefaultDeliveries, 1, kMaxDeliveries);
        const auto page =
            webhooks.deliveries(p.at("webhook_id"), limit, string_param(req, "cursor"));
        json::array items;
        for (const auto& a : page.items) items.push_back(delivery_body(a));
        json::value next = nullptr;
        if (page.next_cursor) next = *page.next_cursor;
        return json_ok(json::object{{"items", std::move(items)}, {"next_cursor", next}});
    });
    routes.bind("redeliverWebhookDelivery", [&webhooks](const Request&, const PathParams& p) {
        const auto delivery_id = delivery_id_of(p);
        webhooks.redeliver(p.at("webhook_id"), delivery_id);
        return json_ok(json::object{{"delivery_id", delivery_id}, {"queued", true}}, 202);
    });
}

}  // namespace coursedist::http
