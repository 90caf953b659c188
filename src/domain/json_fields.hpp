#pragma once
// Typed reads of single JSON values from untrusted input, each reporting a failure as a field
// error under the given path. Shared by the request decoders and the consumed-event decoders.

#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::domain {

// `field[index]`, the path of an array element.
std::string indexed(std::string_view field, std::size_t index);

// A string that is valid UTF-8.
std::optional<std::string> read_string(const boost::json::value& v, const std::string& field,
                                       FieldErrors& errors);
// An array of such strings; every bad element is reported.
std::optional<std::vector<std::string>> read_strings(const boost::json::value& v,
                                                     const std::string& field, FieldErrors& errors);
// Whole numbers only: int64, uint64 within range, or a double without a fraction (JSON has one
// number type; `3.0` is an integer to most clients).
std::optional<std::int64_t> read_integer(const boost::json::value& v, const std::string& field,
                                         FieldErrors& errors);

}  // namespace coursedist::domain
