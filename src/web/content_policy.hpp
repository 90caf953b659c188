#pragma once
// The Content-Security-Policy of the public pages: only what their own markup uses. They load
// nothing but themselves: inline CSS (allowed by the SHA-256 of each <style> element's text,
// never 'unsafe-inline'), a data: icon, links and forms to the site itself (and fetches from
// it, for tools that read /robots.txt from the page). No script runs (the
// JSON-LD <script type="application/ld+json"> is a data block, which CSP does not govern).

#include "web/template_set.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

// A CSP hash source for an inline element's text: 'sha256-<base64 of its SHA-256>'.
std::string csp_hash_source(std::string_view text);

// The policy allowing `inline_styles` (their exact texts) and nothing else inline.
std::string public_page_policy(const std::vector<std::string>& inline_styles);

}  // namespace coursedist::web
