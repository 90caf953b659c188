#pragma once
// Renders the HTML pages from the compiled templates, and names their versions (ETags).

#include "service/distribution_service.hpp"
#include "web/landing_cache.hpp"
#include "web/page_views.hpp"
#include "web/template_set.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace coursedist::web {

// A landing page ready to serve many views: the course it shows, its ETag, and its HTML cut where
// the counters go. A view changes only the counters, so the page is rendered when the course (or
// the templates) change, not on every visit.
struct LandingPage {
    service::PublicDetail detail;
    std::string etag;  // landing_etag(detail)
    // Null when the course's own text got in the way of the cut: rendered in full per view then.
    std::shared_ptr<const PageAroundCounters> around_counters;
};

class PageRenderer {
  public:
    PageRenderer(TemplateSet templates, Site site);

    // The page of `detail`, rendered once per ETag (pages of the same ETag share the cut HTML).
    std::shared_ptr<const LandingPage> landing_page(service::PublicDetail detail) const;
    // Its HTML showing these counts.
    std::string landing(const LandingPage& page, std::int64_t view_count,
                        std::int64_t enrollment_count) const;
    // The same HTML as a gzip body, assembled from the parts around the counters compressed
    // once and the counters compressed now; nullopt for a page without the cut.
    std::optional<std::string> landing_gzip(const LandingPage& page, std::int64_t view_count,
                                            std::int64_t enrollment_count) const;
    // The HTML of `detail` with its own counts.
    std::string landing(const service::PublicDetail& detail) const;
    std::string catalog(const service::ListResult& page, const CatalogQuery& query,
                        bool german) const;
    std::string not_found(bool german) const;

    // A weak ETag for the landing page of `detail`, over everything the page shows except the
    // counters: a view changes the counters, so an ETag over them would never match again. The
    // counters on a revalidated page may therefore lag (W/: equivalent, not byte-identical).
    std::string landing_etag(const service::PublicDetail& detail) const;

    const Site& site() const { return site_; }
    // The Content-Security-Policy of every page rendered here (content_policy.hpp).
    const std::string& content_policy() const { return content_policy_; }

  private:
    TemplateSet templates_;
    Site site_;
    std::string content_policy_;
    std::shared_ptr<LandingCache> landing_cache_;
};

}  // namespace coursedist::web
