#include "domain/version.hpp"

#include <charconv>
#include <cstdint>

namespace coursedist::domain {

namespace {

std::optional<std::uint64_t> version_number(std::string_view v) {
    if (v.size() < 2 || v.front() != 'v' || v[1] == '0') return std::nullopt;
    std::uint64_t n = 0;
    const char* first = v.data() + 1;
    const char* last = v.data() + v.size();
    const auto [end, ec] = std::from_chars(first, last, n);
    if (ec != std::errc{} || end != last) return std::nullopt;
    return n;
}

}  // namespace

bool is_valid_version(std::string_view v) {
    if (v.size() < 2 || v.front() != 'v' || v[1] < '1' || v[1] > '9') return false;
    for (char c : v.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

std::optional<std::string> next_version(std::string_view v) {
    if (!is_valid_version(v)) return std::nullopt;
    const auto n = version_number(v);
    // Versions are stored and compared as 64-bit signed integers elsewhere.
    if (!n || *n >= static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
    return "v" + std::to_string(*n + 1);
}

}  // namespace coursedist::domain
