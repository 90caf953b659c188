#pragma once
// Slugs (SPEC section 2): `^[a-z0-9]+(-[a-z0-9]+)*$`, 5-100 characters, unique.

#include <cstddef>
#include <string>
#include <string_view>

namespace coursedist::domain {

inline constexpr std::size_t kSlugMin = 5;
inline constexpr std::size_t kSlugMax = 100;

bool is_valid_slug_pattern(std::string_view slug);
// Words used by routes (`catalog`, `create`, `health`, …) can never be slugs.
bool is_reserved_slug(std::string_view slug);
// Slug from free text: umlauts ä→ae …, diacritics to base letters, separators collapsed, cut to
// 100 at a word boundary. When fewer than 5 characters remain, `course-` + random_hex6.
// A reserved result is treated as taken: `catalog` becomes `catalog-2`.
std::string slugify(std::string_view text, std::string_view random_hex6);
// The normalisation of slugify alone (no fallback, no reserved-word check): may return fewer
// than 5 characters, even an empty string.
std::string normalize_slug(std::string_view text);
// The short form of slugify's slug (growth.md): the words of normalize_slug(text) that are not
// stop words of `language` (stop_words.hpp), at most kShortSlugWords of them. May be shorter than
// 5 characters, even empty (a title of stop words only).
inline constexpr std::size_t kShortSlugWords = 6;
std::string short_slug(std::string_view text, std::string_view language);
// `base-N` for the N-th candidate (N ≥ 2), shortening base at a word boundary so the result stays
// within 100 characters.
std::string slug_with_suffix(std::string_view base, int n);

}  // namespace coursedist::domain
