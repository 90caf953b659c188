#include "web/page_routes.hpp"

#include "domain/defaults.hpp"
#include "domain/etag.hpp"
#include "http/request_support.hpp"
#include "service/errors.hpp"
#include "web/links.hpp"
#include "web/referrer.hpp"

#include <charconv>

namespace coursedist::web {

using http::PathParams;
using http::Request;
using http::Response;

namespace {

constexpr int kSitemapBatch = 500;  // courses read per storage query while writing a sitemap
constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kXml = "application/xml; charset=utf-8";
// The landing page is revalidated on every visit so that each visit reaches the service and is
// counted; a revalidation answered 304 is not a new view.
constexpr std::string_view kLandingCache = "public, no-cache";
constexpr std::string_view kCatalogCache = "public, max-age=60";
constexpr std::string_view kSitemapCache = "public, max-age=3600";
constexpr std::string_view kErrorCache = "no-cache";

// The visitor's first Accept-Language choice is German: pages with no language of their own (the
// catalog without a filter, 404) use German labels then.
bool prefers_german(const Request& req) {
    auto accept = req.header("accept-language").value_or("");
    auto first = accept.substr(0, accept.find_first_of(",;"));
    while (first.starts_with(' ')) first.remove_prefix(1);
    return first.size() >= 2 && (first[0] == 'd' || first[0] == 'D') &&
           (first[1] == 'e' || first[1] == 'E') && (first.size() == 2 || first[2] == '-');
}

// 200 with the body, or 304 when the client's If-None-Match lists `etag`.
Response cacheable(const Request& req, std::string body, std::string_view content_type,
                   const std::string& etag, std::string_view cache_control) {
    Response r;
    if (auto seen = req.header("if-none-match"); seen && http::etag_listed(*seen, etag)) {
        r.status = 304;
    } else {
        r = http::text_response(200, std::move(body), std::string(content_type));
    }
    r.set("ETag", etag);
    r.set("Cache-Control", std::string(cache_control));
    return r;
}

Response not_found_page(const PageRenderer& renderer, const Request& req) {
    auto r = http::text_response(404, renderer.not_found(prefers_german(req)), std::string(kHtml));
    r.set("Cache-Control", std::string(kErrorCache));
    return r;
}

service::RequestContext visitor(const Request& req) {
    return {req.request_id, "visitor"};
}

class Pages {
  public:
    explicit Pages(PagesDependencies& deps)
        : service_(deps.service),
          renderer_(deps.renderer),
          urls_per_file_(deps.sitemap_urls_per_file),
          catalog_page_size_(deps.catalog_page_size),
          own_host_(url_host(deps.renderer.site().base_url)) {}

    Response catalog(const Request& req) const {
        CatalogQuery query{http::string_param(req, "language"), http::string_param(req, "cursor")};
        service::ListRequest list;
        list.catalog = true;
        list.language = query.language;
        list.cursor = query.cursor;
        list.limit = catalog_page_size_;
        const auto page = service_.list(list);
        const bool german =
            query.language ? domain::is_german(*query.language) : prefers_german(req);
        auto body = renderer_.catalog(page, query, german);
        const auto etag = domain::strong_etag(body);
        auto r = cacheable(req, std::move(body), kHtml, etag, kCatalogCache);
        if (!query.language) r.set("Vary", "Accept-Language");
        return r;
    }

    // The ETag leaves the counters out (see PageRenderer::landing_etag), so it is known before
    // the view is counted: a 304 answers without counting, a 200 counts and shows the new count.
    // A GET without If-None-Match counts at once: the view returns what the page shows.
    Response landing(const Request& req, const std::string& slug) const {
        try {
            const bool counts = req.method == "GET";
            const auto seen = req.header("if-none-match");
            auto detail = counts && !seen ? count_view(req, slug) : service_.public_detail(slug);
            const auto etag = renderer_.landing_etag(detail);
            if (seen) {
                if (http::etag_listed(*seen, etag))
                    return cacheable(req, {}, kHtml, etag, kLandingCache);
                if (counts) detail = count_view(req, slug);
            }
            auto r = cacheable(req, renderer_.landing(detail, etag), kHtml, etag, kLandingCache);
            if (detail.distribution.visibility == domain::Visibility::Unlisted)
                r.set("X-Robots-Tag", "noindex");
            return r;
        } catch (const service::NotFound&) {
            return not_found_page(renderer_, req);
        }
    }

    service::PublicDetail count_view(const Request& req, const std::string& slug) const {
        return service_.log_view_by_slug(
            slug,
            referrer_category(req.header("referer"), req.query_param("utm_medium"), own_host_),
            visitor(req));
    }

    // Counts the click, then sends the visitor on: to the CTA url, or to the page's CTA section.
    Response enroll(const Request& req, const std::string& slug) const {
        try {
            const auto cta = service_.public_detail(slug).distribution.cta;
            const auto d = service_.track_click_by_slug(
                slug, std::string(domain::to_string(cta.action)), visitor(req));
            Response r;
            r.status = 302;
            r.set("Location", d.cta.url.value_or(course_path(slug) + "#enroll"));
            r.set("Cache-Control", "no-store");
            return r;
        } catch (const service::NotFound&) {
            return not_found_page(renderer_, req);
        }
    }

    Response sitemap(const Request& req) const {
        const auto files =
            sitemap_files_for(static_cast<std::size_t>(service_.count_public()), urls_per_file_);
        if (files > 1) {
            auto body = sitemap_index(files, renderer_.site().base_url);
            const auto etag = domain::strong_etag(body);
            return cacheable(req, std::move(body), kXml, etag, kSitemapCache);
        }
        return sitemap_file(req, 1);
    }

    Response sitemap_part(const Request& req, std::string_view number) const {
        std::size_t n = 0;
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
        if (ec != std::errc{} || end != number.data() + number.size() || n == 0)
            return not_found_page(renderer_, req);
        return sitemap_file(req, n);
    }

    Response robots(const Request& req) const {
        auto body =
            "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /courses/*/enroll\n\nSitemap: " +
            renderer_.site().base_url + "/sitemap.xml\n";
        const auto etag = domain::strong_etag(body);
        return cacheable(req, std::move(body), "text/plain; charset=utf-8", etag, kSitemapCache);
    }

  private:
    // Sitemap file n (1-based): the public courses from (n-1)·urls_per_file on, in catalog order.
    Response sitemap_file(const Request& req, std::size_t n) const {
        const auto first = (n - 1) * urls_per_file_;
        std::vector<std::string> entries;
        std::size_t seen = 0;
        service::ListRequest list;
        list.catalog = true;
        list.limit = kSitemapBatch;
        do {
            auto page = service_.list(list);
            for (const auto& d : page.items) {
                if (seen++ < first) continue;
                if (entries.size() == urls_per_file_) break;
                entries.push_back(sitemap_url_entry(d, renderer_.site().base_url));
            }
            list.cursor = page.next_cursor;
        } while (list.cursor && entries.size() < urls_per_file_);
        if (entries.empty() && n > 1) return not_found_page(renderer_, req);
        auto body = sitemap_urlset(entries);
        const auto etag = domain::strong_etag(body);
        return cacheable(req, std::move(body), kXml, etag, kSitemapCache);
    }

    service::DistributionService& service_;
    const PageRenderer& renderer_;
    std::size_t urls_per_file_;
    int catalog_page_size_;
    std::string own_host_;
};

}  // namespace

void add_page_routes(http::Router& router, PagesDependencies& deps) {
    auto pages = std::make_shared<const Pages>(deps);
    // HEAD as well for crawlers and link checkers; a HEAD of a landing page counts no view.
    for (const char* method : {"GET", "HEAD"}) {
        router.add(method, "/courses",
                   [pages](const Request& req, const PathParams&) { return pages->catalog(req); });
        router.add(method, "/courses/{slug}", [pages](const Request& req, const PathParams& p) {
            return pages->landing(req, p.at("slug"));
        });
        router.add(method, "/sitemap.xml",
                   [pages](const Request& req, const PathParams&) { return pages->sitemap(req); });
        router.add(method, "/sitemap-{page}.xml", [pages](const Request& req, const PathParams& p) {
            return pages->sitemap_part(req, p.at("page"));
        });
        router.add(method, "/robots.txt",
                   [pages](const Request& req, const PathParams&) { return pages->robots(req); });
    }
    router.add("GET", "/courses/{slug}/enroll", [pages](const Request& req, const PathParams& p) {
        return pages->enroll(req, p.at("slug"));
    });
}

}  // namespace coursedist::web
