#pragma once
// The routes of SPEC section 3 and what they need.

#include "http/auth.hpp"
#include "http/route_binding.hpp"
#include "service/distribution_service.hpp"
#include "service/event_ingest.hpp"
#include "service/experiment_service.hpp"
#include "service/growth_service.hpp"
#include "service/stats_service.hpp"
#include "service/view_cache.hpp"
#include "service/webhook_service.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace coursedist::http {

// One dependency /readyz reports: `state()` returns "ok" or what is wrong; a required one that is
// not "ok" makes the service unready.
struct ReadinessCheck {
    std::string name;
    bool required = true;
    std::function<std::string()> state;
};

struct ApiDependencies {
    service::DistributionService& service;
    const AdminAuth& auth;
    std::vector<ReadinessCheck> readiness;
    const std::atomic<bool>& draining;  // true once shutdown began: /readyz answers 503
    std::string version;
    std::string base_url;  // where the API is served (the servers of /openapi.json)
    // Rendered public views; null = render every request.
    service::ViewCache* views = nullptr;
};

// Each binds the handlers of its routes of the route table (route_table.cpp); access checks and
// limits come from the table.
void bind_public_routes(RouteHandlers& routes, ApiDependencies& deps);
void bind_admin_routes(RouteHandlers& routes, ApiDependencies& deps);
void bind_ops_routes(RouteHandlers& routes, ApiDependencies& deps);
// GET /api/events and /api/events/stream: the outbox as the embedded-mode event log.
void bind_event_routes(RouteHandlers& routes, ApiDependencies& deps);
// POST /api/events: a consumed event delivered over HTTP (events_ingest_api.cpp).
void bind_event_ingest_routes(RouteHandlers& routes, service::EventIngest& ingest);

// GET /api/distributions/{id}/stats and GET /api/stats (stats_api.cpp).
void bind_stats_routes(RouteHandlers& routes, service::StatsService& stats);
// The webhook subscriptions and their delivery log (spec/webhooks.md, webhooks_api.cpp).
void bind_webhook_routes(RouteHandlers& routes, service::WebhookService& webhooks);
// The CTA experiments (spec/growth.md, experiments_api.cpp).
void bind_experiment_routes(RouteHandlers& routes, service::ExperimentService& experiments);
// Slug suggestions, templates and the SEO report (spec/growth.md, growth_api.cpp).
void bind_growth_routes(RouteHandlers& routes, service::GrowthService& growth);
// The routes of BRAiN's course_distribution module (spec/brain-routes.md, brain_api.cpp); its
// page and health routes are bound with the pages and the operations. `view_referrer` gives the
// referrer category of a counted view, as the landing page derives it (web/referrer.hpp).
using ReferrerCategory = std::function<std::string(const Request&)>;
void bind_brain_routes(RouteHandlers& routes, ApiDependencies& deps,
                       ReferrerCategory view_referrer);

// The OpenAPI 3 document of the route table, served from `base_url`.
std::string openapi_document(const std::string& version, const std::string& base_url);

}  // namespace coursedist::http
