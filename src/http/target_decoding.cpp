#include "http/target_decoding.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/url_view.hpp>

namespace coursedist::http {

std::optional<DecodedTarget> decode_target(std::string_view target) {
    auto parsed = boost::urls::parse_origin_form(target);
    if (!parsed) return std::nullopt;
    const boost::urls::url_view url = *parsed;
    for (const auto segment : url.segments()) {
        // A decoded '/' would split a segment in two and '..' walks up: neither may reach a
        // handler (path traversal); NUL is never legitimate.
        if (segment.find('/') != std::string::npos || segment.find('\0') != std::string::npos) {
            return std::nullopt;
        }
    }
    DecodedTarget decoded;
    decoded.path = url.path();
    if (decoded.path.empty()) decoded.path.push_back('/');  // (= "/" trips GCC 12 -Wrestrict)
    if (decoded.path.find("..") != std::string::npos) return std::nullopt;
    for (const auto param : url.params()) {
        if (param.key.find('\0') != std::string::npos ||
            param.value.find('\0') != std::string::npos) {
            return std::nullopt;
        }
        decoded.query.emplace_back(param.key, param.value);
    }
    return decoded;
}

std::optional<std::vector<std::pair<std::string, std::string>>> decode_form(std::string_view body) {
    auto parsed = boost::urls::parse_query(body);
    if (!parsed) return std::nullopt;
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    std::vector<std::pair<std::string, std::string>> fields;
    for (const auto param : *parsed) {
        if (param.key.empty() && !param.has_value) continue;  // `a=1&&b=2`
        auto key = param.key.decode(options);
        auto value = param.has_value ? param.value.decode(options) : std::string();
        if (key.find('\0') != std::string::npos || value.find('\0') != std::string::npos)
            return std::nullopt;
        fields.emplace_back(std::move(key), std::move(value));
    }
    return fields;
}

}  // namespace coursedist::http
