#include "web/page_renderer.hpp"

#include "domain/defaults.hpp"
#include "domain/etag.hpp"
#include "domain/json_codec.hpp"
#include "http/compression.hpp"
#include "web/content_policy.hpp"
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

std::string counters_html(std::int64_t view_count, std::int64_t enrollment_count, bool german) {
    return kainjow::mustache::html_escape(format_counters(view_count, enrollment_count, german));
}
}  // namespace

PageRenderer::PageRenderer(TemplateSet templates, Site site)
    : templates_(std::move(templates)),
      site_(std::move(site)),
      content_policy_(public_page_policy(templates_.inline_styles())),
      landing_cache_(std::make_shared<LandingCache>(kKeptLandingPages)) {}

std::shared_ptr<const LandingPage> PageRenderer::landing_page(service::PublicDetail detail) const {
    auto etag = landing_etag(detail);
    auto around = landing_cache_->find(etag);
    if (!around) {
        auto view = landing_view(detail, site_);
        view["counters"] = std::string(kCountersMarker);
        auto html = templates_.render(kLanding, view);
        const auto at = html.find(kCountersMarker);
        if (at != std::string::npos &&
            html.find(kCountersMarker, at + kCountersMarker.size()) == std::string::npos) {
            auto before = html.substr(0, at);
            auto after = html.substr(at + kCountersMarker.size());
            auto before_deflated = http::deflate_part(before, http::PartEnd::Flush);
            auto after_deflated = http::deflate_part(after, http::PartEnd::Final);
            around = std::make_shared<const PageAroundCounters>(
                PageAroundCounters{std::move(before), std::move(after), std::move(before_deflated),
                                   std::move(after_deflated)});
            landing_cache_->store(etag, around);
        }
    }
    return std::make_shared<const LandingPage>(
        LandingPage{std::move(detail), std::move(etag), std::move(around)});
}

std::string PageRenderer::landing(const LandingPage& page, std::int64_t view_count,
                                  std::int64_t enrollment_count) const {
    if (!page.around_counters) {
        auto counted = page.detail;
        counted.distribution.view_count = view_count;
        counted.distribution.enrollment_count = enrollment_count;
        return templates_.render(kLanding, landing_view(counted, site_));
    }
    const auto& around = *page.around_counters;
    const auto counters = counters_html(view_count, enrollment_count,
                                        domain::is_german(page.detail.distribution.language));
    std::string html;
    html.reserve(around.before.size() + counters.size() + around.after.size());
    html.append(around.before).append(counters).append(around.after);
    return html;
}

std::optional<std::string> PageRenderer::landing_gzip(const LandingPage& page,
                                                      std::int64_t view_count,
                                                      std::int64_t enrollment_count) const {
    if (!page.around_counters) return std::nullopt;
    const auto& around = *page.around_counters;
    const auto counters =
        http::deflate_part(counters_html(view_count, enrollment_count,
                                         domain::is_german(page.detail.distribution.language)),
                           http::PartEnd::Flush);
    return http::gzip_member({&around.before_deflated, &counters, &around.after_deflated});
}

std::string PageRenderer::landing(const service::PublicDetail& detail) const {
    return landing(*landing_page(detail), detail.distribution.view_count,
                   detail.distribution.enrollment_count);
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
    // The visibility decides robots noindex, and the public detail does not carry it; the variant
    // of a CTA experiment names its enroll link.
    const auto variant = detail.variant_key ? "?v=" + *detail.variant_key : std::string();
    return "W/" + domain::strong_etag(templates_.fingerprint() + site_.base_url +
                                      std::string(domain::to_string(uncounted.visibility)) +
                                      variant + content);
}

}  // namespace coursedist::web
