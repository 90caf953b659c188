#pragma once
// The data each template renders: what a page shows, computed from the service's results.
// Plain functions, so tests and the benchmark render pages without a server.

#include "service/distribution_service.hpp"

#include <kainjow/mustache.hpp>

#include <optional>
#include <string>

namespace coursedist::web {

struct Site {
    std::string base_url;       // no trailing slash, e.g. https://courses.example.com
    std::string provider_name;  // the Organization of the JSON-LD
};

// The landing page of a public or unlisted distribution; its counters as stored in `detail`.
kainjow::mustache::data landing_view(const service::PublicDetail& detail, const Site& site);

struct CatalogQuery {
    std::optional<std::string> language;  // the ?language= filter
    std::optional<std::string> cursor;    // the page being shown (nullopt: the first)
};

kainjow::mustache::data catalog_view(const service::ListResult& page, const CatalogQuery& query,
                                     bool german, const Site& site);

kainjow::mustache::data not_found_view(bool german);
// The not-found page's data with the title and text of a deleted course (410).
kainjow::mustache::data gone_view(bool german);

}  // namespace coursedist::web
