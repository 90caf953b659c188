#pragma once
// The HTML pages of SPEC section 3 ("Pages"): /courses, /courses/{slug}, /courses/{slug}/enroll,
// /sitemap.xml (+ /sitemap-N.xml), /robots.txt. All public; counters go through the service, so
// a page view or CTA click writes the same outbox events as the admin API.

#include "http/route_binding.hpp"
#include "service/distribution_service.hpp"
#include "service/experiment_service.hpp"
#include "service/view_cache.hpp"
#include "web/page_renderer.hpp"
#include "web/sitemap.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace coursedist::web {

struct PagesDependencies {
    service::DistributionService& service;
    const PageRenderer& renderer;
    std::size_t sitemap_urls_per_file = kSitemapUrlsPerFile;  // smaller only in tests
    int catalog_page_size = 24;
    // How long a landing page is reused while this process commits no change to its course
    // (other instances' changes show within it); zero renders every visit afresh.
    std::chrono::milliseconds landing_cache_ttl{1000};
    // CTA experiments: the landing page shows the visitor's variant (null: none run here).
    service::ExperimentService* experiments = nullptr;
    // Whether the visitor's address is the last X-Forwarded-For entry (--trust-forwarded-for).
    bool trust_forwarded_for = false;
};

void bind_page_routes(http::RouteHandlers& routes, PagesDependencies& deps);

// The referrer category a counted page view of `req` gets (its Referer and utm_medium; see
// referrer.hpp): the landing page's, and the BRAiN routes' that count views.
std::string view_referrer(const http::Request& req, std::string_view own_host);

}  // namespace coursedist::web
