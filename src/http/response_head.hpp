#pragma once
// The status line and header fields of a response, as bytes: the one description of what the
// server puts in front of a body. Plain data in, a string out (no Beast, no Asio), so every rule
// of the head is tested without a socket.

#include "http/message.hpp"

#include <cstddef>
#include <ctime>
#include <string>
#include <string_view>

namespace coursedist::http {

// What the head depends on besides the response itself.
struct HeadFacts {
    unsigned version = 11;      // of the request: 10 or 11
    bool keep_alive = true;     // whether the connection stays open after this response
    bool head_request = false;  // HEAD: framed like GET, sent without its body
    std::string_view request_id;
    std::string_view date;  // the Date field's value (http_date)
};

// How the body that follows the head is delimited.
enum class Framing {
    Length,   // Content-Length: the response's body
    Chunked,  // Transfer-Encoding: chunked (a body produced as it goes)
};

// Whether a response with this status may carry a body at all (not 1xx, 204 or 304).
bool status_allows_body(int status);
// Whether the body goes out after the head (also not for HEAD).
bool sends_body(int status, bool head_request);

// The reason phrase of a status code ("OK", "Not Found"; "Unknown" for codes without one).
std::string_view reason_phrase(int status);

// Whether a handler's header field goes out: not one the server sets itself, and not one that
// could split the response (a name that is not a token, a value with CR, LF or NUL).
bool sendable_header(std::string_view name, std::string_view value);

// An IMF-fixdate ("Tue, 01 Dec 2026 21:30:20 GMT") for the Date field.
std::string http_date(std::time_t when);
// http_date(now), computed once a second per thread.
std::string_view current_http_date();

// The Referrer-Policy of every response whose handler sets none: a full referrer only within the
// site, the origin alone to other https sites, nothing to http ones.
inline constexpr std::string_view kReferrerPolicy = "strict-origin-when-cross-origin";

// The head, up to and including the empty line that ends it. Fields in order: Server, the
// handler's sendable fields, the security baseline every response carries
// (`X-Content-Type-Options: nosniff`, and kReferrerPolicy; each unless the handler set its own),
// X-Request-ID, Date, then framing (Content-Length or Transfer-Encoding) and Connection when it
// differs from the version's default.
std::string response_head(const Response& response, const HeadFacts& facts,
                          Framing framing = Framing::Length);

// Chunked transfer coding: the line before a chunk of `size` bytes (size in hex and CRLF); the
// chunk's data is followed by kChunkEnd, the body by kLastChunk.
std::string chunk_header(std::size_t size);
inline constexpr std::string_view kChunkEnd = "\r\n";
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace coursedist::http
