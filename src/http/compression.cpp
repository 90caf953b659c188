#include "http/compression.hpp"

#include "http/response_head.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace coursedist::http {

namespace {

constexpr int kLevel = 6;        // zlib's default: most of level 9's gain at a third of the time
constexpr int kWindowBits = 15;  // negative for raw deflate (no zlib header)
constexpr int kMemLevel = 8;
constexpr std::size_t kSmallPart = 512;
constexpr int kSmallWindowBits = 9;  // the smallest raw deflate takes
// The gzip header (RFC 1952): magic, deflate, no flags, no mtime, no extra flags, OS unknown.
constexpr std::array<unsigned char, 10> kGzipHeader{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

void append_le32(std::string& out, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

// The quality of one Accept-Encoding element's parameters ("q=0.5"); 1 without one.
double quality(std::string_view params) {
    while (!params.empty()) {
        const auto semicolon = params.find(';');
        auto param = trim(params.substr(0, semicolon));
        if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
            param.remove_prefix(2);
            // q is 0, 0.x… or 1: zero unless some digit is not 0.
            return param.find_first_of("123456789") == std::string_view::npos ? 0.0 : 1.0;
        }
        if (semicolon == std::string_view::npos) break;
        params.remove_prefix(semicolon + 1);
    }
    return 1.0;
}

bool compressible_type(std::string_view type) {
    type = trim(type.substr(0, type.find(';')));
    if (type.size() >= 5 && iequals(type.substr(0, 5), "text/"))
        return !iequals(type, "text/event-stream");
    for (std::string_view kind :
         {"application/json", "application/xml", "application/javascript", "image/svg+xml"}) {
        if (iequals(type, kind)) return true;
    }
    return type.size() > 5 && (iequals(type.substr(type.size() - 5), "+json") ||
                               iequals(type.substr(type.size() - 4), "+xml"));
}

}  // namespace

DeflatedPart deflate_part(std::string_view plain, PartEnd end) {
    // A small part (the counters of a page view) needs neither a 32 kB window nor 128 kB of hash
    // tables, whose set-up would cost more than compressing it.
    const bool small = plain.size() < kSmallPart;
    z_stream stream{};
    if (deflateInit2(&stream, kLevel, Z_DEFLATED, -(small ? kSmallWindowBits : kWindowBits),
                     small ? 1 : kMemLevel, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    DeflatedPart part;
    // Room for the whole output at once: the bound plus the flush's empty stored block.
    part.data.resize(deflateBound(&stream, static_cast<uLong>(plain.size())) + 16);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    stream.avail_in = static_cast<uInt>(plain.size());
    stream.next_out = reinterpret_cast<Bytef*>(part.data.data());
    stream.avail_out = static_cast<uInt>(part.data.size());
    const int rc = deflate(&stream, end == PartEnd::Final ? Z_FINISH : Z_FULL_FLUSH);
    const bool done = end == PartEnd::Final ? rc == Z_STREAM_END : rc == Z_OK;
    part.data.resize(part.data.size() - stream.avail_out);
    deflateEnd(&stream);
    if (!done || stream.avail_in != 0) throw std::runtime_error("zlib: deflate failed");
    part.crc = static_cast<std::uint32_t>(
        crc32(0L, reinterpret_cast<const Bytef*>(plain.data()), static_cast<uInt>(plain.size())));
    part.size = plain.size();
    return part;
}

std::string gzip_member(std::initializer_list<const DeflatedPart*> parts) {
    std::size_t total = kGzipHeader.size() + 8;
    for (const auto* part : parts) total += part->data.size();
    std::string out;
    out.reserve(total);
    out.append(reinterpret_cast<const char*>(kGzipHeader.data()), kGzipHeader.size());
    uLong crc = 0;
    std::size_t size = 0;
    for (const auto* part : parts) {
        out.append(part->data);
        crc = crc32_combine(crc, part->crc, static_cast<z_off_t>(part->size));
        size += part->size;
    }
    append_le32(out, static_cast<std::uint32_t>(crc));
    append_le32(out, static_cast<std::uint32_t>(size));  // ISIZE: the length modulo 2^32
    return out;
}

std::string gzip(std::string_view plain) {
    const auto part = deflate_part(plain, PartEnd::Final);
    return gzip_member({&part});
}

bool accepts_gzip(const Request& request) {
    auto header = request.header("accept-encoding");
    if (!header) return false;
    std::string_view rest = *header;
    std::optional<double> gzip_q;
    std::optional<double> any_q;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const auto element = rest.substr(0, comma);
        const auto semicolon = element.find(';');
        const auto coding = trim(element.substr(0, semicolon));
        const double q =
            semicolon == std::string_view::npos ? 1.0 : quality(element.substr(semicolon + 1));
        if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) gzip_q = q;
        if (coding == "*") any_q = q;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (gzip_q) return *gzip_q > 0;
    return any_q && *any_q > 0;
}

bool compressible(const Response& response) {
    if (response.stream || !status_allows_body(response.status)) return false;
    const auto type = response.header("content-type");
    return type && compressible_type(*type) && response.body_bytes().size() >= kMinCompressedSize;
}

void add_vary(Response& response, std::string_view name) {
    for (auto& [field, value] : response.headers) {
        if (!iequals(field, "vary")) continue;
        std::string_view listed = value;
        while (!listed.empty()) {
            const auto comma = listed.find(',');
            if (iequals(trim(listed.substr(0, comma)), name)) return;
            if (comma == std::string_view::npos) break;
            listed.remove_prefix(comma + 1);
        }
        value.append(", ").append(name);
        return;
    }
    response.set("Vary", std::string(name));
}

void negotiate_encoding(const Request& request, Response& response) {
    if (response.header("content-encoding") || !compressible(response)) return;
    add_vary(response, "Accept-Encoding");
    if (!accepts_gzip(request)) return;
    try {
        response.body = gzip(response.body_bytes());
    } catch (const std::exception&) {
        return;  // zlib out of memory: the plain body is still a right answer
    }
    response.shared_body.reset();
    response.set("Content-Encoding", "gzip");
    for (auto& [field, value] : response.headers) {
        if (iequals(field, "etag") && !value.starts_with("W/")) value.insert(0, "W/");
    }
}

}  // namespace coursedist::http
