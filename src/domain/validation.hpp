#pragma once
// Every rule of SPEC section 2. Each function reports every failing field at once, with paths
// relative to `prefix` (e.g. `seo.meta_title`, `target_group[1]`, `outline.modules[0].title`).

#include "domain/model.hpp"

#include <string_view>

namespace coursedist::domain {

bool is_valid_language(std::string_view language);   // ^[a-z]{2}(-[A-Z]{2})?$
bool is_absolute_http_url(std::string_view url);     // http:// or https:// + host
bool is_valid_distribution_id(std::string_view id);  // dist_ + 16 lowercase hex

void validate_seo(const Seo& seo, std::string_view prefix, FieldErrors& errors);
void validate_cta(const Cta& cta, std::string_view prefix, FieldErrors& errors);
void validate_outline(const Outline& outline, std::string_view prefix, FieldErrors& errors);
void validate_target_group(const std::vector<std::string>& groups, std::string_view prefix,
                           FieldErrors& errors);
// All fields of a distribution (slug pattern, length and reserved words included).
FieldErrors validate(const Distribution& d);

}  // namespace coursedist::domain
