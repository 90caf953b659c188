#include "domain/variant.hpp"

#include "domain/defaults.hpp"
#include "domain/slug.hpp"

#include <set>

namespace coursedist::domain {

std::string variant_base_slug(const Distribution& parent, const std::vector<std::string>& groups) {
    std::string text = parent.slug;
    for (const auto& group : groups) {
        text += '-';
        text += group;
    }
    // normalize_slug turns `_` (like every character outside [a-z0-9]) into a separator and
    // transliterates umlauts in the group names.
    return normalize_slug(text);
}

Distribution derive_variant(const Distribution& parent, const VariantRequest& request) {
    Distribution variant;
    variant.course_id = parent.course_id;
    variant.version = parent.version;
    variant.derived_from = parent.distribution_id;
    // The caller assigns the final slug (this one, or a generated one) after its uniqueness check.
    variant.slug = request.slug.value_or("");
    variant.language = request.language.value_or(parent.language);
    variant.title = request.title_override.value_or(parent.title);
    variant.description = request.description_override.value_or(parent.description);
    variant.target_group = request.target_group;

    if (request.seo)
        variant.seo = *request.seo;
    else if (request.title_override || request.description_override)
        variant.seo = default_seo(variant.title, variant.description);
    else
        variant.seo = parent.seo;
    variant.cta = request.cta.value_or(parent.cta);

    variant.outline = parent.outline;
    if (request.module_filters) {
        const std::set<std::string> kept(request.module_filters->begin(),
                                         request.module_filters->end());
        std::erase_if(variant.outline.modules,
                      [&](const Module& m) { return !kept.contains(m.module_id); });
    }
    // Everything else keeps its default: private, never published, no staging, counters at 0.
    return variant;
}

}  // namespace coursedist::domain
