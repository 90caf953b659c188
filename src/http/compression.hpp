#pragma once
// gzip content coding (RFC 9110 §8.4.1.3, RFC 1952) for clients that accept it, with zlib.
//
// A body can be compressed in parts, each on its own: a part is raw deflate that ends with a full
// flush (the compressor's history forgotten, the output byte-aligned), the last part with the
// final block. Parts compressed at different times then follow each other in one deflate stream,
// and gzip_member() wraps them with the header and a trailer whose CRC-32 crc32_combine() computes
// from the parts' own. The landing page keeps the compressed text around its counters and
// compresses only the counters per view.

#include "http/message.hpp"

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace coursedist::http {

// Bodies shorter than this go out as they are: compressing them saves less than it costs.
inline constexpr std::size_t kMinCompressedSize = 1024;

// One part of a deflate stream, and what the gzip trailer needs to know of its plain text.
struct DeflatedPart {
    std::string data;       // raw deflate
    std::uint32_t crc = 0;  // CRC-32 of the plain text
    std::size_t size = 0;   // its length
};

enum class PartEnd {
    Flush,  // more parts follow
    Final,  // the stream's last part
};

DeflatedPart deflate_part(std::string_view plain, PartEnd end);

// A gzip member made of `parts`, in order, the last one compressed with PartEnd::Final.
std::string gzip_member(std::initializer_list<const DeflatedPart*> parts);
// A gzip member of `plain` in one part.
std::string gzip(std::string_view plain);

// Whether the request's Accept-Encoding lets the answer be gzip (gzip, x-gzip or * with a
// quality above zero; an explicit gzip;q=0 refuses it).
bool accepts_gzip(const Request& request);

// Whether the answer depends on the client's Accept-Encoding: a body that is text (HTML, XML,
// JSON, plain text, CSS, JavaScript) of kMinCompressedSize bytes or more.
bool compressible(const Response& response);

// `name` added to the response's Vary field (created when missing; a name is listed once).
void add_vary(Response& response, std::string_view name);

// Content negotiation for every answer: a compressible response gets `Vary: Accept-Encoding`,
// and, when the client accepts gzip, its body compressed (`Content-Encoding: gzip`; a strong
// ETag becomes weak, the compressed bytes differing from the plain ones). A body its handler has
// already encoded (Content-Encoding set) is left alone; so is a streamed one.
void negotiate_encoding(const Request& request, Response& response);

}  // namespace coursedist::http
