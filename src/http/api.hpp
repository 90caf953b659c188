#pragma once
// The routes of SPEC section 3 and what they need.

#include "http/auth.hpp"
#include "http/router.hpp"
#include "service/distribution_service.hpp"
#include "service/event_ingest.hpp"
#include "service/view_cache.hpp"

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
    // Rendered public views; null = render every request.
    service::ViewCache* views = nullptr;
};

// Wraps a handler so it runs only for a valid admin token.
Handler admin_only(const AdminAuth& auth, Handler handler);

void add_public_routes(Router& router, ApiDependencies& deps);
void add_admin_routes(Router& router, ApiDependencies& deps);
void add_ops_routes(Router& router, ApiDependencies& deps);
// GET /api/events and /api/events/stream (admin): the outbox as the embedded-mode event log.
void add_event_routes(Router& router, ApiDependencies& deps);
// POST /api/events (admin): a consumed event delivered over HTTP (events_ingest_api.cpp).
void add_event_ingest_routes(Router& router, ApiDependencies& deps, service::EventIngest& ingest);

// The OpenAPI 3 document describing every route and schema.
std::string openapi_document(const std::string& version);

}  // namespace coursedist::http
