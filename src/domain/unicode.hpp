#pragma once
// UTF-8 helpers: SPEC lengths count Unicode code points, never bytes.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::domain {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

bool is_valid_utf8(std::string_view s);
// The code points of s; each invalid byte decodes to kReplacementCharacter.
std::vector<char32_t> decode_utf8(std::string_view s);
// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);
// s with each invalid byte replaced by U+FFFD, so it can be echoed in a JSON response.
std::string sanitize_utf8(std::string_view s);
// Number of code points of valid UTF-8 (each invalid byte counts as one).
std::size_t code_points(std::string_view s);
// Lower-case for search: ASCII, Latin-1 and Latin Extended-A letters (Ä→ä, É→é …).
std::string fold_case(std::string_view s);
// The longest prefix of at most max_code_points that ends at a word boundary (whitespace),
// trimmed; a single word longer than the limit is cut at the code point limit.
std::string truncate_at_word(std::string_view s, std::size_t max_code_points);
// The first max_code_points code points of s, trimmed (a hard cut, wherever it falls).
std::string truncate_code_points(std::string_view s, std::size_t max_code_points);

}  // namespace coursedist::domain
