#pragma once
// Fixed page texts, in German for `de*` pages and English otherwise, and the formatting of
// numbers and durations that goes with each language.

#include <kainjow/mustache.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

// The `t` object of every template: t.outline, t.target_groups, …
const kainjow::mustache::data& labels(bool german);
// One of those texts by key ("chapters" → "Kapitel"); the key itself when there is none.
std::string label(std::string_view key, bool german);

// "Deutsch" / "German" for "de"; the code itself for a language without a known name.
std::string language_name(std::string_view language, bool german);
// 12345 → "12.345" (German) / "12,345" (English).
std::string format_count(std::int64_t count, bool german);
// 150 → "2 Std. 30 Min." / "2 h 30 min".
std::string format_duration(std::int64_t minutes, bool german);
// "1 Aufruf · 3 Anmeldungen" / "1 view · 3 enrollments".
std::string format_counters(std::int64_t views, std::int64_t enrollments, bool german);
// "a, b, c": keywords for a meta tag or JSON-LD.
std::string comma_list(const std::vector<std::string>& items);
// "4 Kapitel · 45 Min." / "4 chapters · 45 min".
std::string format_chapters_and_duration(std::int64_t chapters, std::int64_t minutes, bool german);

}  // namespace coursedist::web
