#pragma once
// Helpers handlers share: JSON bodies, query parameters, entity tags.

#include "http/message.hpp"
#include "http/problem.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace coursedist::http {

// The body as JSON: null when empty and `optional_body`; HttpError 415 when it is not JSON by
// Content-Type, 400 when it does not parse. Invalid UTF-8 inside strings is let through so the
// decoders can name the field (422).
boost::json::value json_body(const Request& request, bool optional_body = false);

// Decoder errors → 422.
template <typename Decoded>
auto require_decoded(Decoded decoded) {
    if (!decoded.ok()) throw HttpError(422, "the request body is invalid", decoded.errors);
    return std::move(decoded.value);
}

// Integer query parameter within [min, max] (422 naming it otherwise), or the fallback.
int int_param(const Request& request, std::string_view name, int fallback, int min, int max);
std::optional<std::string> string_param(const Request& request, std::string_view name);

// If-None-Match / If-Match list semantics (weak comparison, `*`).
bool etag_listed(std::string_view header_value, std::string_view etag);

Response json_ok(const boost::json::value& body, int status = 200);

// 301 to `path` with the request's query string (an old slug's redirect, spec/seo-lifecycle.md).
// Revalidated: renaming back makes the old slug current again.
Response moved_permanently(const Request& request, std::string path);

}  // namespace coursedist::http
