#pragma once
// The referrer category of a landing page view (one of domain::kReferrerCategories), derived from
// the Referer header's host and the utm_medium parameter. Only the category is kept: the Referer
// itself is never stored or logged (counters carry no personal data).

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::web {

std::string referrer_category(std::optional<std::string_view> referer,
                              std::optional<std::string_view> utm_medium,
                              std::string_view own_host);

// "https://www.Google.de:443/search?q=x" → "www.google.de"; empty when it is not a URL.
std::string url_host(std::string_view url);

}  // namespace coursedist::web
