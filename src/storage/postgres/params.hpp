#pragma once
// Statement parameters as text (NULL for an empty optional), passed to libpqxx as one dynamic list
// so every statement is called the same way whatever its parameter types. Doubles are written in
// their shortest exact form, so timestamps survive the round trip bit for bit.

#include "storage/sql_value.hpp"

#include <pqxx/pqxx>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::storage::postgres {

class Params {
  public:
    Params() = default;
    Params(const Params&) = delete;  // pointers() points into values_
    Params& operator=(const Params&) = delete;

    template <typename... Values>
    explicit Params(const Values&... values) {
        (add(values), ...);
    }

    Params& add(std::string_view value);
    Params& add(const std::string& value) { return add(std::string_view(value)); }
    Params& add(const char* value) { return add(std::string_view(value)); }
    Params& add(double value);
    Params& add(std::int64_t value);
    Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
    Params& add(long long value) { return add(static_cast<std::int64_t>(value)); }
    template <typename T>
    Params& add(const std::optional<T>& value) {
        if (!value) return add_null();
        return add(*value);
    }
    Params& add(const SqlValue& value);
    Params& add_null();

    std::size_t size() const { return pointers_.size(); }
    auto dynamic() const { return pqxx::prepare::make_dynamic_params(pointers_); }

  private:
    std::deque<std::string> values_;  // a deque keeps the c_str() pointers stable
    std::vector<const char*> pointers_;
};

// Shortest text that parses back to exactly `value`.
std::string exact_double_text(double value);
double parse_double(const pqxx::field& field);
std::optional<double> optional_double(const pqxx::field& field);
std::optional<std::string> optional_text(const pqxx::field& field);
// `{1,2,3}`: a bigint[] parameter.
std::string bigint_array_text(const std::vector<std::int64_t>& values);

}  // namespace coursedist::storage::postgres
