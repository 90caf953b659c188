#include "domain/object_decoder.hpp"

#include "domain/unicode.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace coursedist::domain::decoding {

namespace json = boost::json;

std::string member_path(std::string_view prefix, std::string_view key) {
    std::string name = sanitize_utf8(key);
    if (prefix.empty()) return name;
    std::string path;
    path.reserve(prefix.size() + 1 + name.size());
    path.append(prefix).append(".").append(name);
    return path;
}

const json::object* object_at(const json::value& v, const std::string& field, FieldErrors& errors) {
    if (v.is_object()) return &v.get_object();
    errors.push_back(
        {field, field.empty() ? "request body must be a JSON object" : "must be an object"});
    return nullptr;
}

ValueReader<std::string> text() {
    return read_string;
}

ValueReader<std::string> text(std::size_t max_code_points) {
    return [max_code_points](const json::value& v, const std::string& field,
                             FieldErrors& errors) -> std::optional<std::string> {
        auto s = read_string(v, field, errors);
        if (s && code_points(*s) > max_code_points)
            errors.push_back(
                {field, "must be at most " + std::to_string(max_code_points) + " characters"});
        return s;
    };
}

ValueReader<std::vector<std::string>> texts() {
    return read_strings;
}

ValueReader<std::int64_t> integer() {
    return read_integer;
}

ValueReader<double> number() {
    return [](const json::value& v, const std::string& field,
              FieldErrors& errors) -> std::optional<double> {
        if (v.is_number()) return v.to_number<double>();
        errors.push_back({field, "must be a number"});
        return std::nullopt;
    };
}

ValueReader<std::map<std::string, std::string>> text_map() {
    return [](const json::value& v, const std::string& field,
              FieldErrors& errors) -> std::optional<std::map<std::string, std::string>> {
        const json::object* o = object_at(v, field, errors);
        if (!o) return std::nullopt;
        std::map<std::string, std::string> out;
        for (const auto& entry : *o) {
            const std::string entry_field = member_path(field, entry.key());
            if (!is_valid_utf8(entry.key())) {
                errors.push_back({entry_field, "invalid UTF-8"});
                continue;
            }
            if (auto s = read_string(entry.value(), entry_field, errors))
                out[std::string(entry.key())] = std::move(*s);
        }
        return out;
    };
}

namespace {

// `inner` is `outer` or a path inside it (`seo` covers `seo.meta_title` and `seo[0]`).
bool covers(std::string_view outer, std::string_view inner) {
    if (!inner.starts_with(outer)) return false;
    if (inner.size() == outer.size()) return true;
    const char next = inner[outer.size()];
    return next == '.' || next == '[';
}

}  // namespace

void add_rule_errors(FieldErrors& errors, const FieldErrors& rule_errors) {
    const std::size_t decoded = errors.size();
    for (const auto& rule : rule_errors) {
        const bool reported =
            std::any_of(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(decoded),
                        [&](const FieldError& e) {
                            return covers(e.field, rule.field) || covers(rule.field, e.field);
                        });
        if (!reported) errors.push_back(rule);
    }
}

}  // namespace coursedist::domain::decoding
