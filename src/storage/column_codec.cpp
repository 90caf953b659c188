#include "storage/column_codec.hpp"

#include "domain/unicode.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <stdexcept>

namespace coursedist::storage {

std::string json_text(const boost::json::value& value) {
    return boost::json::serialize(value);
}

boost::json::value parse_json_column(std::string_view text, std::string_view column) {
    boost::system::error_code ec;
    auto value = boost::json::parse(text, ec);
    if (ec) throw std::runtime_error("corrupt JSON in column " + std::string(column));
    return value;
}

domain::Visibility parse_visibility_column(std::string_view text) {
    auto parsed = domain::parse_visibility(text);
    if (!parsed) throw std::runtime_error("corrupt visibility in database: " + std::string(text));
    return *parsed;
}

std::string search_text_of(const domain::Distribution& d) {
    return domain::fold_case(d.title + "\n" + d.description);
}

std::string like_contains_pattern(std::string_view text) {
    std::string pattern = "%";
    for (char c : text) {
        if (c == '\\' || c == '%' || c == '_') pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    return pattern;
}

}  // namespace coursedist::storage
