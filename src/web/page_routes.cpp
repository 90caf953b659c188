#include "web/page_routes.hpp"

#include "domain/defaults.hpp"
#include "domain/etag.hpp"
#include "http/compression.hpp"
#include "http/counted_response.hpp"
#include "http/counting.hpp"
#include "http/rate_limit.hpp"
#include "http/request_support.hpp"
#include "service/errors.hpp"
#include "web/links.hpp"
#include "web/referrer.hpp"

#include <charconv>
#include <optional>

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

// Whether the client's If-None-Match lists `etag`.
bool not_modified(const Request& req, const std::string& etag) {
    const auto seen = req.header("if-none-match");
    return seen && http::etag_listed(*seen, etag);
}

// 200 with `body`, or 304 without one; either way with its ETag and caching rule.
Response validated_response(std::optional<std::string> body, std::string_view content_type,
                            const std::string& etag, std::string_view cache_control) {
    Response r;
    if (body) {
        r = http::text_response(200, std::move(*body), std::string(content_type));
    } else {
        r.status = 304;
    }
    r.set("ETag", etag);
    r.set("Cache-Control", std::string(cache_control));
    return r;
}

// 200 with the body, or 304 when the client's If-None-Match lists `etag`.
Response cacheable(const Request& req, std::string body, std::string_view content_type,
                   const std::string& etag, std::string_view cache_control) {
    return validated_response(
        not_modified(req, etag) ? std::nullopt : std::optional(std::move(body)), content_type, etag,
        cache_control);
}

// An HTML page's response carries the pages' Content-Security-Policy.
Response& with_page_policy(Response& r, const PageRenderer& renderer) {
    r.set("Content-Security-Policy", renderer.content_policy());
    return r;
}

Response not_found_page(const PageRenderer& renderer, bool german) {
    auto r = http::text_response(404, renderer.not_found(german), std::string(kHtml));
    r.set("Cache-Control", std::string(kErrorCache));
    return with_page_policy(r, renderer);
}

Response not_found_page(const PageRenderer& renderer, const Request& req) {
    return not_found_page(renderer, prefers_german(req));
}

// 200 with `body`, or 304 without one.
Response landing_response(const PageRenderer& renderer, const LandingPage& page,
                          std::optional<std::string> body) {
    auto r = validated_response(std::move(body), kHtml, page.etag, kLandingCache);
    if (page.detail.distribution.visibility == domain::Visibility::Unlisted)
        r.set("X-Robots-Tag", "noindex");
    return with_page_policy(r, renderer);
}

// Where the enroll link of `page` (at `slug`) sends the visitor.
Response enroll_redirect(const LandingPage& page, const std::string& slug) {
    Response r;
    r.status = 302;
    r.set("Location", page.detail.distribution.cta.url.value_or(course_path(slug) + "#enroll"));
    r.set("Cache-Control", "no-store");
    return r;
}

// How a page answers for a course that is not publicly readable: with the HTML 404 page, or (the
// BRAiN-compatible page route under /api) with a problem+json 404.
enum class Missing { Page, Problem };

}  // namespace

std::string view_referrer(const http::Request& req, std::string_view own_host) {
    return referrer_category(req.header("referer"), req.query_param("utm_medium"), own_host);
}

namespace {

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
          own_host_(url_host(deps.renderer.site().base_url)),
          experiments_(deps.experiments),
          trust_forwarded_for_(deps.trust_forwarded_for),
          landing_pages_(deps.landing_cache_ttl, kKeptLandingPages) {
        http::describe_uncounted(service_.metrics());
    }

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
        return with_page_policy(r, renderer_);
    }

    // The ETag leaves the counters out (see PageRenderer::landing_etag), so it is known before
    // the view is counted: a 304 answers without counting, a GET counts and shows the new count.
    // The view is answered once it has committed, without holding a server thread meanwhile.
    // A request the counting rules exclude gets the same page with the current counts.
    Response landing(const Request& req, const std::string& slug,
                     Missing missing = Missing::Page) const {
        auto page = readable_page(slug);
        if (!page) return not_found(req, missing);
        page = assigned_page(req, slug, std::move(page));
        if (not_modified(req, page->etag)) return landing_response(renderer_, *page, std::nullopt);
        if (!http::counts(req, service_.metrics(), domain::CountKind::View))
            return uncounted_landing(req, page, slug, missing);
        auto write = service::CounterWrite::page_view(slug, view_referrer(req, own_host_));
        write.variant = bucket_variant_of(*page);
        return count_then(
            req, page, std::move(write),
            [this, gzip = http::accepts_gzip(req)](const LandingPage& current,
                                                   const service::CounterUpdate& counted) {
                note_counted(current);
                return landing_answer(current, counted.view_count, counted.enrollment_count, gzip);
            },
            missing);
    }

    // Counts the click (unless the counting rules exclude it), then sends the visitor on: to the
    // CTA url, or to the page's CTA section.
    Response enroll(const Request& req, const std::string& slug) const {
        auto page = readable_page(slug);
        if (!page) return not_found_page(renderer_, req);
        page = chosen_page(req, slug, std::move(page));
        if (!http::counts(req, service_.metrics(), domain::CountKind::Click))
            return enroll_redirect(*page, slug);
        const auto cta_type = std::string(domain::to_string(page->detail.distribution.cta.action));
        auto write = service::CounterWrite::page_click(slug, cta_type);
        write.variant = bucket_variant_of(*page);
        return count_then(req, page, std::move(write),
                          [this, slug](const LandingPage& current, const service::CounterUpdate&) {
                              note_counted(current);
                              return enroll_redirect(current, slug);
                          });
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
    Response not_found(const Request& req, Missing missing) const {
        if (missing == Missing::Problem) throw service::NotFound("no course");
        return not_found_page(renderer_, req);
    }

    // The landing page of a publicly readable course, kept while nothing but counters changed
    // (and for at most the public cache TTL); null when there is no such course.
    std::shared_ptr<const LandingPage> readable_page(const std::string& slug) const {
        const auto generation = service_.content_generation();
        if (auto page = landing_pages_.find(slug, generation)) return page;
        try {
            auto page = renderer_.landing_page(service_.public_detail(slug));
            landing_pages_.store(slug, page, generation);
            return page;
        } catch (const service::NotFound&) {
            return nullptr;
        }
    }

    // --- CTA experiments (growth.md): a variant's page is the course's with the variant's CTA
    // and an enroll link naming it, cached per variant like the course's own.

    // The page of `variant` of the experiment running on `page`.
    std::shared_ptr<const LandingPage> variant_page(
        const std::string& slug, const LandingPage& page,
        const domain::ExperimentVariant& variant) const {
        const auto key = slug + "?v=" + variant.key;
        const auto generation = service_.content_generation();
        if (auto cached = landing_pages_.find(key, generation)) return cached;
        auto detail = page.detail;
        detail.distribution.cta = variant.cta;
        detail.variant_key = variant.key;
        auto shown = renderer_.landing_page(std::move(detail));
        landing_pages_.store(key, shown, generation);
        return shown;
    }

    // The page this visitor sees: while an experiment runs, the variant assigned from its
    // address and User-Agent (nothing of either kept).
    std::shared_ptr<const LandingPage> assigned_page(
        const Request& req, const std::string& slug,
        std::shared_ptr<const LandingPage> page) const {
        const auto& experiment = page->detail.experiment;
        if (!experiment || !experiments_ || experiment->variants.empty()) return page;
        const auto index =
            experiments_->assign(*experiment, http::visitor_address(req, trust_forwarded_for_),
                                 req.header("user-agent").value_or(""));
        return variant_page(slug, *page, experiment->variants[index]);
    }

    // The page an enroll link came from: the variant its `v` names while the experiment runs,
    // else the course's own.
    std::shared_ptr<const LandingPage> chosen_page(const Request& req, const std::string& slug,
                                                   std::shared_ptr<const LandingPage> page) const {
        const auto& experiment = page->detail.experiment;
        const auto key = req.query_param("v");
        if (!experiment || !key) return page;
        const auto* variant = experiment->variant(*key);
        return variant ? variant_page(slug, *page, *variant) : page;
    }

    // The hourly buckets' variant of a count on `page` ("" outside experiments).
    static std::string bucket_variant_of(const LandingPage& page) {
        if (!page.detail.experiment || !page.detail.variant_key) return {};
        return domain::bucket_variant(page.detail.experiment->experiment_id,
                                      *page.detail.variant_key);
    }

    // A count on a variant's page has committed: auto-promote may be due.
    void note_counted(const LandingPage& page) const {
        if (experiments_ && page.detail.experiment && page.detail.variant_key)
            experiments_->counted(*page.detail.experiment);
    }

    // The landing page for a request that does not count: as a counted view would show it, with
    // the counts as they are now (the cached page's may be older). HEAD sends no body: the cached
    // page's counts do.
    Response uncounted_landing(const Request& req, std::shared_ptr<const LandingPage> page,
                               const std::string& slug, Missing missing) const {
        auto views = page->detail.distribution.view_count;
        auto clicks = page->detail.distribution.enrollment_count;
        if (req.method == "GET") {
            try {
                auto current = service_.public_detail(slug);
                views = current.distribution.view_count;
                clicks = current.distribution.enrollment_count;
                if (current.distribution.distribution_id !=
                    page->detail.distribution.distribution_id)
                    page = renderer_.landing_page(std::move(current));  // the slug has moved
            } catch (const service::NotFound&) {
                return not_found(req, missing);
            }
        }
        return landing_answer(*page, views, clicks, http::accepts_gzip(req));
    }

    // The landing page showing these counts. gzip, when the client accepts it, from the parts
    // kept compressed (the server's content negotiation leaves a body encoded here alone).
    Response landing_answer(const LandingPage& page, std::int64_t views, std::int64_t clicks,
                            bool gzip) const {
        if (gzip) {
            if (auto body = renderer_.landing_gzip(page, views, clicks)) {
                auto r = landing_response(renderer_, page, std::move(*body));
                r.set("Content-Encoding", "gzip");
                http::add_vary(r, "Accept-Encoding");
                return r;
            }
        }
        return landing_response(renderer_, page, renderer_.landing(page, views, clicks));
    }

    // Counts `write` (a view or click of page's slug) and, once it has committed, answers with
    // answer(page, counts): the page of the course the write counted for, which is `page` unless
    // the slug has moved to another course since it was loaded. A 404 (as `missing` says) when
    // the course is no longer readable.
    template <typename Answer>
    Response count_then(const Request& req, std::shared_ptr<const LandingPage> page,
                        service::CounterWrite write, Answer answer,
                        Missing missing = Missing::Page) const {
        return http::counted_response(
            service_, std::move(write), visitor(req),
            [this, page = std::move(page), german = prefers_german(req), missing,
             answer = std::move(answer)](const auto& outcome) -> Response {
                try {
                    const auto& counted = outcome.get();
                    if (counted.distribution_id == page->detail.distribution.distribution_id)
                        return answer(*page, counted);
                    return answer(*renderer_.landing_page(service_.public_detail(counted.slug)),
                                  counted);
                } catch (const service::NotFound&) {
                    if (missing == Missing::Problem) throw;
                    return not_found_page(renderer_, german);
                }
            });
    }

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
    service::ExperimentService* experiments_;
    bool trust_forwarded_for_;
    mutable service::GenerationCache<LandingPage> landing_pages_;
};

}  // namespace

void bind_page_routes(http::RouteHandlers& routes, PagesDependencies& deps) {
    auto pages = std::make_shared<const Pages>(deps);
    // The table answers HEAD too for crawlers and link checkers; a HEAD counts nothing.
    routes.bind("catalogPage",
                [pages](const Request& req, const PathParams&) { return pages->catalog(req); });
    routes.bind("landingPage", [pages](const Request& req, const PathParams& p) {
        return pages->landing(req, p.at("slug"));
    });
    // BRAiN's page route: the same landing page, counted the same way; its 404 is problem+json
    // like the rest of /api.
    routes.bind("brainCoursePage", [pages](const Request& req, const PathParams& p) {
        return pages->landing(req, p.at("slug"), Missing::Problem);
    });
    routes.bind("enroll", [pages](const Request& req, const PathParams& p) {
        return pages->enroll(req, p.at("slug"));
    });
    routes.bind("sitemap",
                [pages](const Request& req, const PathParams&) { return pages->sitemap(req); });
    routes.bind("sitemapPart", [pages](const Request& req, const PathParams& p) {
        return pages->sitemap_part(req, p.at("page"));
    });
    routes.bind("robots",
                [pages](const Request& req, const PathParams&) { return pages->robots(req); });
}

}  // namespace coursedist::web
