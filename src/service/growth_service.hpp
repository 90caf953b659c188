#pragma once
// The growth tools (spec/growth.md): slug suggestions, distribution templates and the SEO report.

#include "service/distribution_service.hpp"
#include "service/seo_index.hpp"

#include <optional>
#include <string>
#include <vector>

namespace coursedist::service {

class GrowthService {
  public:
    explicit GrowthService(DistributionService& distributions);

    // GET /api/slugs/suggest: the full and the short slug of `title`, each free (slugs.hpp).
    // ValidationFailed naming `title` (required, at most 200 code points) and `language` (the
    // language pattern) together.
    std::vector<std::string> suggest_slugs(const std::optional<std::string>& title,
                                           const std::optional<std::string>& language);

    // GET /api/distributions/{id}/seo-report: keyword suggestions and checks (NotFound).
    SeoReport seo_report(const std::string& id);

  private:
    DistributionService& distributions_;
    SeoIndex seo_index_;
};

}  // namespace coursedist::service
