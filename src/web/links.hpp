#pragma once
// The URLs of the pages and the language links search engines read (hreflang, og:locale).

#include "domain/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

std::string course_path(std::string_view slug);  // /courses/<slug>
std::string enroll_path(std::string_view slug);  // /courses/<slug>/enroll
// Percent-encodes everything but unreserved characters, for a query parameter value.
std::string query_escape(std::string_view value);

struct Hreflang {
    std::string code;  // "de", "en-GB" or "x-default"
    std::string href;
};

// One link per alternate, one for the page itself (its own language wins over an alternate
// claiming the same language), and `x-default`. Every page of a reciprocal set lists the same
// links, so x-default must be chosen from the set alone: its English page when there is one
// (the most widely read), otherwise its alphabetically first language.
std::vector<Hreflang> hreflang_links(const domain::Distribution& d, std::string_view page_url);

// Open Graph locale: "de" → "de_DE", "en" → "en_US", "de-AT" → "de_AT".
std::string og_locale(std::string_view language);

}  // namespace coursedist::web
