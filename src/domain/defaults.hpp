#pragma once
// What a distribution gets when a request leaves SEO or CTA out (SPEC section 2).

#include "domain/model.hpp"

namespace coursedist::domain {

Seo default_seo(std::string_view title, std::string_view description);
Cta default_cta(std::string_view language);
// `de`, `de-DE`, … : German labels.
bool is_german(std::string_view language);

}  // namespace coursedist::domain
