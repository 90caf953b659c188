#pragma once
// Renders the HTML pages from the compiled templates, and names their versions (ETags).

#include "service/distribution_service.hpp"
#include "web/landing_cache.hpp"
#include "web/page_views.hpp"
#include "web/template_set.hpp"

#include <memory>
#include <string>

namespace coursedist::web {

class PageRenderer {
  public:
    PageRenderer(TemplateSet templates, Site site);

    std::string landing(const service::PublicDetail& detail) const;
    // The same page when its landing_etag() is already known: rendered once per ETag, then only
    // the counters change.
    std::string landing(const service::PublicDetail& detail, const std::string& etag) const;
    std::string catalog(const service::ListResult& page, const CatalogQuery& query,
                        bool german) const;
    std::string not_found(bool german) const;

    // A weak ETag for the landing page of `detail`, over everything the page shows except the
    // counters: a view changes the counters, so an ETag over them would never match again. The
    // counters on a revalidated page may therefore lag (W/: equivalent, not byte-identical).
    std::string landing_etag(const service::PublicDetail& detail) const;

    const Site& site() const { return site_; }

  private:
    TemplateSet templates_;
    Site site_;
    std::shared_ptr<LandingCache> landing_cache_;
};

}  // namespace coursedist::web
