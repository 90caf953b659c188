#pragma once
// The service's route patterns (src/http/*_api.cpp, src/web/page_routes.cpp) with the methods
// they answer, for fuzzing the router without the storage and services behind the handlers.
// Keep in step with the registrations; a new kind of pattern belongs here.

#include <string_view>
#include <utility>

namespace coursedist::fuzz {

inline constexpr std::pair<std::string_view, std::string_view> kRoutes[] = {
    {"GET", "/api/distributions/catalog"},
    {"GET", "/api/distributions/{key}"},
    {"GET", "/api/distributions/{slug}/outline"},
    {"GET", "/api/distributions/health"},
    {"POST", "/api/distributions/create"},
    {"GET", "/api/distributions"},
    {"PUT", "/api/distributions/{id}"},
    {"DELETE", "/api/distributions/{id}"},
    {"POST", "/api/distributions/{id}/publish"},
    {"POST", "/api/distributions/{id}/unpublish"},
    {"POST", "/api/distributions/{id}/log-view"},
    {"POST", "/api/distributions/{id}/track-click"},
    {"POST", "/api/distributions/{id}/variants"},
    {"GET", "/api/distributions/{id}/variants"},
    {"POST", "/api/distributions/{id}/version-bump"},
    {"GET", "/api/distributions/{id}/changelog"},
    {"GET", "/api/events"},
    {"GET", "/api/events/stream"},
    {"POST", "/api/events"},
    {"GET", "/healthz"},
    {"GET", "/livez"},
    {"GET", "/readyz"},
    {"GET", "/metrics"},
    {"GET", "/openapi.json"},
    {"GET", "/courses"},
    {"HEAD", "/courses"},
    {"GET", "/courses/{slug}"},
    {"HEAD", "/courses/{slug}"},
    {"GET", "/courses/{slug}/enroll"},
    {"GET", "/sitemap.xml"},
    {"HEAD", "/sitemap.xml"},
    {"GET", "/sitemap-{page}.xml"},
    {"HEAD", "/sitemap-{page}.xml"},
    {"GET", "/robots.txt"},
    {"HEAD", "/robots.txt"},
};

}  // namespace coursedist::fuzz
