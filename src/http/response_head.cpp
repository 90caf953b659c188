// The response head as bytes (see response_head.hpp). Written by hand instead of through Beast's
// serializer, which cost a tenth of a landing page view's CPU.
#include "http/response_head.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace coursedist::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

// A token for a name, and no line break or NUL in the value.
bool valid_field(std::string_view name, std::string_view value) {
    const bool token = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 ||
               std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
    return token && value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

void append_number(std::string& out, std::size_t value) {
    std::array<char, 24> digits;
    const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    (void)ec;  // 24 digits hold any size_t
    out.append(digits.data(), end);
}

}  // namespace

bool status_allows_body(int status) {
    return status / 100 != 1 && status != 204 && status != 304;
}

bool sends_body(int status, bool head_request) {
    return status_allows_body(status) && !head_request;
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 101:
            return "Switching Protocols";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 203:
            return "Non-Authoritative Information";
        case 204:
            return "No Content";
        case 205:
            return "Reset Content";
        case 206:
            return "Partial Content";
        case 300:
            return "Multiple Choices";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 402:
            return "Payment Required";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 406:
            return "Not Acceptable";
        case 407:
            return "Proxy Authentication Required";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 411:
            return "Length Required";
        case 412:
            return "Precondition Failed";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 416:
            return "Range Not Satisfiable";
        case 417:
            return "Expectation Failed";
        case 421:
            return "Misdirected Request";
        case 422:
            return "Unprocessable Entity";
        case 426:
            return "Upgrade Required";
        case 428:
            return "Precondition Required";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 451:
            return "Unavailable For Legal Reasons";
        case 500:
            return "Internal Server Error";
        case 501:
            return "Not Implemented";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        case 505:
            return "HTTP Version Not Supported";
        default:
            return "Unknown";
    }
}

bool sendable_header(std::string_view name, std::string_view value) {
    for (std::string_view reserved :
         {"content-length", "transfer-encoding", "connection", "x-request-id", "server", "date"}) {
        if (iequals(name, reserved)) return false;
    }
    if (valid_field(name, value)) return true;
    spdlog::warn("http: response header \"{}\" left out: not a valid field", name);
    return false;
}

std::string http_date(std::time_t when) {
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm utc{};
    gmtime_r(&when, &utc);
    std::array<char, 32> text;
    const int n = std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                kDays.at(static_cast<std::size_t>(utc.tm_wday)), utc.tm_mday,
                                kMonths.at(static_cast<std::size_t>(utc.tm_mon)),
                                utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return std::string(text.data(), static_cast<std::size_t>(std::max(n, 0)));
}

std::string_view current_http_date() {
    thread_local std::time_t cached_second = -1;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cached_second) {
        cached = http_date(now);
        cached_second = now;
    }
    return cached;
}

std::string response_head(const Response& response, const HeadFacts& facts, Framing framing) {
    std::string head;
    head.reserve(192 + 64 * response.headers.size());
    head.append(facts.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    append_number(head, static_cast<std::size_t>(std::clamp(response.status, 100, 999)));
    head.append(" ").append(reason_phrase(response.status)).append("\r\nServer: coursedist\r\n");
    bool own_referrer_policy = false;
    bool own_nosniff = false;
    for (const auto& [name, value] : response.headers) {
        if (!sendable_header(name, value)) continue;
        head.append(name).append(": ").append(value).append("\r\n");
        own_referrer_policy = own_referrer_policy || iequals(name, "referrer-policy");
        own_nosniff = own_nosniff || iequals(name, "x-content-type-options");
    }
    if (!own_nosniff) head.append("X-Content-Type-Options: nosniff\r\n");
    if (!own_referrer_policy)
        head.append("Referrer-Policy: ").append(kReferrerPolicy).append("\r\n");
    head.append("X-Request-ID: ").append(facts.request_id).append("\r\n");
    if (!facts.date.empty()) head.append("Date: ").append(facts.date).append("\r\n");
    if (framing == Framing::Chunked) {
        head.append("Transfer-Encoding: chunked\r\n");
    } else if (status_allows_body(response.status)) {
        // A HEAD answer carries the length its GET would have.
        head.append("Content-Length: ");
        append_number(head, response.body_bytes().size());
        head.append("\r\n");
    }
    if (facts.version == 10 && facts.keep_alive) head.append("Connection: keep-alive\r\n");
    if (facts.version != 10 && !facts.keep_alive) head.append("Connection: close\r\n");
    head.append("\r\n");
    return head;
}

std::string chunk_header(std::size_t size) {
    std::array<char, 24> digits;
    const auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), size, 16);
    (void)ec;
    std::string line(digits.data(), end);
    line.append("\r\n");
    return line;
}

}  // namespace coursedist::http
