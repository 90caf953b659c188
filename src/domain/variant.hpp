#pragma once
// Micro-niche variants (SPEC section 3, POST /variants).

#include "domain/model.hpp"
#include "domain/requests.hpp"

namespace coursedist::domain {

// The variant's base slug when the request names none: parent slug + `-` + target groups joined
// by `-` (`_` → `-`), normalised to a valid slug (then suffixed on collision by the caller).
std::string variant_base_slug(const Distribution& parent, const std::vector<std::string>& groups);

// The variant as the request describes it, before id, slug and timestamps are assigned: inherits
// course_id, version and outline (filtered by module_filters when given) from the parent; title,
// description, language, seo and cta from the overrides or the parent; SEO regenerated from the
// new title/description when a title or description override is given without seo; private.
Distribution derive_variant(const Distribution& parent, const VariantRequest& request);

}  // namespace coursedist::domain
