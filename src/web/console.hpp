#pragma once
// The admin console under /admin (spec/admin-console.md): server-rendered pages for what the
// admin API does, on the same service calls and the same validation (a form is turned into the
// JSON body the API would take and decoded by the same decoders). Signed in by an admin token
// typed into a form; the session lives in a cookie whose hash is stored (service/admin_sessions).
// Every POST is checked for its origin (Origin / Sec-Fetch-Site) and its session's CSRF token.
// The security headers of every /admin response are the dispatcher's (http/console_headers.hpp).

#include "http/auth.hpp"
#include "http/route_binding.hpp"
#include "service/admin_sessions.hpp"
#include "service/distribution_service.hpp"
#include "service/stats_service.hpp"
#include "service/webhook_service.hpp"
#include "web/page_renderer.hpp"

namespace coursedist::web {

struct ConsoleDependencies {
    service::DistributionService& service;
    service::StatsService& stats;
    service::AdminSessions& sessions;
    service::WebhookService& webhooks;
    const http::AdminAuth& auth;
    const PageRenderer& renderer;  // its templates and the site's base URL
    int page_size = 25;            // rows of the distribution list
};

void bind_console_routes(http::RouteHandlers& routes, ConsoleDependencies& deps);

// The session cookie's name: `__Host-coursedist_session` for an https base URL, else
// `coursedist_session`.
std::string console_cookie_name(std::string_view base_url);

}  // namespace coursedist::web
