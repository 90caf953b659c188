#include "domain/defaults.hpp"

#include "domain/limits.hpp"
#include "domain/unicode.hpp"

namespace coursedist::domain {

namespace {

using namespace limits;

// A word-boundary cut that would fall below the minimum length (a long first word after a short
// one) is replaced by a hard cut, so the default still satisfies the SEO rules when the text can.
std::string shorten(std::string_view text, std::size_t min, std::size_t max) {
    std::string at_word = truncate_at_word(text, max);
    if (code_points(at_word) >= min) return at_word;
    return truncate_code_points(text, max);
}

}  // namespace

Seo default_seo(std::string_view title, std::string_view description) {
    Seo seo;
    seo.meta_title = shorten(title, kMetaTitleMin, kMetaTitleMax);
    seo.meta_description = shorten(description, kMetaDescriptionMin, kMetaDescriptionMax);
    return seo;
}

bool is_german(std::string_view language) {
    return language.starts_with("de") && (language.size() == 2 || language[2] == '-');
}

Cta default_cta(std::string_view language) {
    Cta cta;
    cta.label = is_german(language) ? "Jetzt starten" : "Start now";
    cta.action = CtaAction::OpenCourse;
    return cta;
}

}  // namespace coursedist::domain
