#include "http/request_support.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace coursedist::http {

namespace {
std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool is_json_media_type(std::string_view content_type) {
    auto media = trim(content_type.substr(0, content_type.find(';')));
    std::string lower(media);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower == "application/json" ||
           (lower.starts_with("application/") && lower.ends_with("+json"));
}
}  // namespace

boost::json::value json_body(const Request& request, bool optional_body) {
    if (request.body.empty()) {
        if (optional_body) return nullptr;
        throw HttpError(400, "a JSON request body is required");
    }
    auto content_type = request.header("content-type");
    if (!content_type || !is_json_media_type(*content_type))
        throw HttpError(415, "the request body must be application/json");
    boost::json::parse_options options;
    options.allow_invalid_utf8 = true;
    options.max_depth = 64;
    boost::system::error_code ec;
    auto value = boost::json::parse(request.body, ec, {}, options);
    if (ec) throw HttpError(400, "the request body is not valid JSON");
    return value;
}

int int_param(const Request& request, std::string_view name, int fallback, int min, int max) {
    auto raw = request.query_param(name);
    if (!raw) return fallback;
    int value = 0;
    auto [end, ec] = std::from_chars(raw->data(), raw->data() + raw->size(), value);
    if (ec != std::errc{} || end != raw->data() + raw->size() || value < min || value > max)
        throw HttpError(422, "invalid query parameter",
                        {{std::string(name), "must be an integer from " + std::to_string(min) +
                                                 " to " + std::to_string(max)}});
    return value;
}

std::optional<std::string> string_param(const Request& request, std::string_view name) {
    auto raw = request.query_param(name);
    if (!raw || raw->empty()) return std::nullopt;
    return std::string(*raw);
}

bool etag_listed(std::string_view header_value, std::string_view etag) {
    auto bare = [](std::string_view tag) {
        tag = trim(tag);
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        return tag;
    };
    if (trim(header_value) == "*") return true;
    while (!header_value.empty()) {
        auto comma = header_value.find(',');
        if (bare(header_value.substr(0, comma)) == bare(etag)) return true;
        if (comma == std::string_view::npos) break;
        header_value.remove_prefix(comma + 1);
    }
    return false;
}

Response json_ok(const boost::json::value& body, int status) {
    return json_response(status, boost::json::serialize(body));
}

Response moved_permanently(const Request& request, std::string path) {
    if (const auto query = request.target.find('?'); query != std::string::npos)
        path.append(request.target, query);
    Response r;
    r.status = 301;
    r.set("Location", path);
    r.set("Cache-Control", "no-cache");
    return r;
}

}  // namespace coursedist::http
