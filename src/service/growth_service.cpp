#include "service/growth_service.hpp"

#include "domain/limits.hpp"
#include "domain/unicode.hpp"
#include "domain/validation.hpp"
#include "service/errors.hpp"
#include "service/ids.hpp"
#include "service/slugs.hpp"

namespace coursedist::service {

GrowthService::GrowthService(DistributionService& distributions)
    : distributions_(distributions), seo_index_(distributions.store()) {}

SeoReport GrowthService::seo_report(const std::string& id) {
    return seo_index_.report(id);
}

std::vector<std::string> GrowthService::suggest_slugs(const std::optional<std::string>& title,
                                                      const std::optional<std::string>& language) {
    domain::FieldErrors errors;
    if (!title || title->empty())
        errors.push_back({"title", "required"});
    else if (domain::code_points(*title) > domain::limits::kTitleMax)
        errors.push_back(
            {"title", "at most " + std::to_string(domain::limits::kTitleMax) + " characters"});
    if (language && !domain::is_valid_language(*language))
        errors.push_back({"language", "must be a language such as de, en or de-DE"});
    if (!errors.empty()) throw ValidationFailed(std::move(errors));
    auto tx = distributions_.store().begin_read();
    return service::suggest_slugs(*tx, *title, language.value_or(""), random_hex(6));
}

}  // namespace coursedist::service
