#include "domain/json_fields.hpp"

#include "domain/unicode.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdint>

namespace coursedist::domain {

namespace json = boost::json;

std::string indexed(std::string_view field, std::size_t index) {
    return std::string(field) + "[" + std::to_string(index) + "]";
}

std::optional<std::string> read_string(const json::value& v, const std::string& field,
                                       FieldErrors& errors) {
    if (!v.is_string()) {
        errors.push_back({field, "must be a string"});
        return std::nullopt;
    }
    const json::string& s = v.get_string();
    if (!is_valid_utf8(s)) {
        errors.push_back({field, "invalid UTF-8"});
        return std::nullopt;
    }
    return std::string(s);
}

std::optional<std::vector<std::string>> read_strings(const json::value& v, const std::string& field,
                                                     FieldErrors& errors) {
    if (!v.is_array()) {
        errors.push_back({field, "must be an array of strings"});
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    const json::array& array = v.get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (auto s = read_string(array[i], indexed(field, i), errors))
            out.push_back(std::move(*s));
        else
            ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<std::int64_t> read_integer(const json::value& v, const std::string& field,
                                         FieldErrors& errors) {
    if (v.is_int64()) return v.get_int64();
    if (v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
        return static_cast<std::int64_t>(v.get_uint64());
    if (v.is_double()) {
        const double d = v.get_double();
        // 2^63 is exactly representable; anything below it converts without overflow.
        if (std::isfinite(d) && d == std::trunc(d) && d >= -9223372036854775808.0 &&
            d < 9223372036854775808.0)
            return static_cast<std::int64_t>(d);
    }
    errors.push_back({field, "must be an integer"});
    return std::nullopt;
}

}  // namespace coursedist::domain
