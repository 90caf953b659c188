#include "storage/postgres/params.hpp"

#include <charconv>
#include <stdexcept>
#include <system_error>
#include <type_traits>
#include <variant>

namespace coursedist::storage::postgres {

Params& Params::add(std::string_view value) {
    pointers_.push_back(values_.emplace_back(value).c_str());
    return *this;
}

Params& Params::add(double value) {
    return add(std::string_view(exact_double_text(value)));
}

Params& Params::add(std::int64_t value) {
    return add(std::string_view(std::to_string(value)));
}

Params& Params::add(const SqlValue& value) {
    return std::visit(
        [&](const auto& v) -> Params& {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
                return add_null();
            } else {
                return add(v);
            }
        },
        value);
}

Params& Params::add_null() {
    pointers_.push_back(nullptr);
    return *this;
}

std::string exact_double_text(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc()) throw std::runtime_error("postgresql: cannot format a double");
    return std::string(buffer, end);
}

double parse_double(const pqxx::field& field) {
    const char* text = field.c_str();
    const char* end = text + field.size();
    double value = 0;
    auto [stop, ec] = std::from_chars(text, end, value);
    if (ec != std::errc() || stop != end) {
        throw std::runtime_error("postgresql: column " + std::string(field.name()) +
                                 " is not a number: " + text);
    }
    return value;
}

std::optional<double> optional_double(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return parse_double(field);
}

std::optional<std::string> optional_text(const pqxx::field& field) {
    if (field.is_null()) return std::nullopt;
    return std::string(field.c_str(), field.size());
}

std::string bigint_array_text(const std::vector<std::int64_t>& values) {
    std::string text = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) text += ',';
        text += std::to_string(values[i]);
    }
    text += '}';
    return text;
}

}  // namespace coursedist::storage::postgres
