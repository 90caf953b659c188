#include "web/page_renderer.hpp"

#include "domain/etag.hpp"
#include "domain/json_codec.hpp"

#include <boost/json/serialize.hpp>

namespace coursedist::web {

namespace {
constexpr std::string_view kLanding = "landing.mustache";
constexpr std::string_view kCatalog = "catalog.mustache";
constexpr std::string_view kNotFound = "not_found.mustache";
}  // namespace

PageRenderer::PageRenderer(TemplateSet templates, Site site)
    : templates_(std::move(templates)), site_(std::move(site)) {}

std::string PageRenderer::landing(const service::PublicDetail& detail) const {
    return templates_.render(kLanding, landing_view(detail, site_));
}

std::string PageRenderer::catalog(const service::ListResult& page, const CatalogQuery& query,
                                  bool german) const {
    return templates_.render(kCatalog, catalog_view(page, query, german, site_));
}

std::string PageRenderer::not_found(bool german) const {
    return templates_.render(kNotFound, not_found_view(german));
}

std::string PageRenderer::landing_etag(const service::PublicDetail& detail) const {
    auto uncounted = detail.distribution;
    uncounted.view_count = 0;
    uncounted.enrollment_count = 0;
    const auto content =
        boost::json::serialize(domain::to_public_detail(uncounted, detail.derived_from_slug));
    // The visibility decides robots noindex, and the public detail does not carry it.
    return "W/" +
           domain::strong_etag(templates_.fingerprint() + site_.base_url +
                               std::string(domain::to_string(uncounted.visibility)) + content);
}

}  // namespace coursedist::web
