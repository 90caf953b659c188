#pragma once
// Decoding gzip bodies in tests (zlib), to compare a compressed answer with the plain one.

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::testing {

// The data of a gzip stream (one or more members), or nullopt when it is not valid gzip (a bad
// header, a corrupt deflate stream, a wrong CRC-32 or length, or bytes missing at the end).
std::optional<std::string> gunzip(std::string_view compressed);

}  // namespace coursedist::testing
