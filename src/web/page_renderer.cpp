#include "web/page_renderer.hpp"

#include "domain/defaults.hpp"
#include "domain/etag.hpp"
#include "domain/json_codec.hpp"
#include "web/labels.hpp"

#include <boost/json/serialize.hpp>
#include <kainjow/mustache.hpp>

namespace coursedist::web {

namespace {
constexpr std::string_view kLanding = "landing.mustache";
constexpr std::string_view kCatalog = "catalog.mustache";
constexpr std::string_view kNotFound = "not_found.mustache";
// Stands for the counters while the page around them is rendered. A control character that
// escaping leaves alone; a page showing it anywhere else (or not at all) is simply not cached.
constexpr std::string_view kCountersMarker = "\001counters\001";
constexpr std::size_t kCachedLandingPages = 512;  // ~9 kB each

std::string counters_html(const domain::Distribution& d) {
    return kainjow::mustache::html_escape(
        format_counters(d.view_count, d.enrollment_count, domain::is_german(d.language)));
}
}  // namespace

PageRenderer::PageRenderer(TemplateSet templates, Site site)
    : templates_(std::move(templates)),
      site_(std::move(site)),
      landing_cache_(std::make_shared<LandingCache>(kCachedLandingPages)) {}

std::string PageRenderer::landing(const service::PublicDetail& detail) const {
    return landing(detail, landing_etag(detail));
}

std::string PageRenderer::landing(const service::PublicDetail& detail,
                                  const std::string& etag) const {
    auto page = landing_cache_->find(etag);
    if (!page) {
        auto view = landing_view(detail, site_);
        view["counters"] = std::string(kCountersMarker);
        auto html = templates_.render(kLanding, view);
        const auto at = html.find(kCountersMarker);
        if (at == std::string::npos ||
            html.find(kCountersMarker, at + kCountersMarker.size()) != std::string::npos) {
            return templates_.render(kLanding, landing_view(detail, site_));
        }
        page = std::make_shared<const PageAroundCounters>(
            PageAroundCounters{html.substr(0, at), html.substr(at + kCountersMarker.size())});
        landing_cache_->store(etag, page);
    }
    const auto counters = counters_html(detail.distribution);
    std::string html;
    html.reserve(page->before.size() + counters.size() + page->after.size());
    html.append(page->before).append(counters).append(page->after);
    return html;
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
