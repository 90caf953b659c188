#pragma once
// The SEO report's rules (growth.md, "SEO report and suggestions") as plain functions: the terms
// of a distribution, their ranking against the catalog (TF-IDF-like) and the checks. The
// catalog's side (how many distributions use a term) comes from the service's index.

#include "domain/model.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::domain {

// Term → its weighted count in one distribution.
using TermCounts = std::map<std::string, double, std::less<>>;

// The terms of a distribution: single words and 2–3-word phrases, case-folded, from the title
// (each occurrence counts 3), the target groups (2), the description, the module titles and
// descriptions and the learning outcomes (1 each). A single word is no stop word of the
// distribution's language (stop_words.hpp), no number, at least 2 letters; a phrase neither
// starts nor ends with such a word and does not cross punctuation.
TermCounts distribution_terms(const Distribution& d);

struct KeywordScore {
    std::string keyword;
    double score = 0;
    friend bool operator==(const KeywordScore&, const KeywordScore&) = default;
};

inline constexpr std::size_t kKeywordSuggestionsMax = 20;

// The `limit` best terms by count × ln((documents + 1) / (document_frequency + 1)): a term every
// distribution of the catalog has scores 0, one only this distribution has scores highest.
// `documents` counts the catalog including this distribution, `document_frequency(term)` the
// distributions having the term (this one included). Ties: fewer words first, then by term, so
// the ranking is the same for the same data. Scores are rounded to 4 decimals.
std::vector<KeywordScore> rank_keywords(
    const TermCounts& terms, std::int64_t documents,
    const std::function<std::int64_t(std::string_view)>& document_frequency,
    std::size_t limit = kKeywordSuggestionsMax);

// The keyword the checks are about: seo.keywords[0], else the top suggestion ("" without any).
std::string first_keyword(const Distribution& d, const std::vector<KeywordScore>& suggestions);
// The form keywords are compared in across distributions (case-folded, trimmed).
std::string keyword_key(std::string_view keyword);

struct SeoCheck {
    std::string check;
    bool ok = false;  // "ok" or "warning"
    std::string message;
};

// What the catalog says about this distribution: the slugs of the other distributions with the
// same meta title, and of the other public ones of its language with the same first keyword.
struct CatalogOverlap {
    std::vector<std::string> same_meta_title;
    std::vector<std::string> same_first_keyword;
};

// The checks in this order: meta_title_length (50–60 best), meta_description_length (120–160
// best), keyword_in_title, keyword_in_description, keyword_in_slug, duplicate_meta_title,
// keyword_cannibalization.
std::vector<SeoCheck> seo_checks(const Distribution& d, std::string_view keyword,
                                 const CatalogOverlap& overlap);

}  // namespace coursedist::domain
