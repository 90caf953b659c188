#pragma once
// The headers every admin console response carries, redirects and errors (404, 405, 500)
// included (spec/admin-console.md): no caching, a CSP that allows no inline script, no framing,
// no MIME sniffing, and the referrer kept within the site.

#include "http/message.hpp"

#include <string_view>

namespace coursedist::http {

inline constexpr std::string_view kConsoleContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'none'; object-src 'none'";

// `/admin` and everything under `/admin/`.
bool is_console_path(std::string_view path);
void add_console_headers(Response& response);

}  // namespace coursedist::http
