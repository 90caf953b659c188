#include "http/request_id.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <random>

namespace coursedist::http {

namespace {
constexpr std::size_t kMaxRequestIdLength = 128;
}

bool valid_request_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxRequestIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '.' || c == '_' || c == '-';
    });
}

std::string generate_request_id() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(32, '0');
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i % 16 == 0) bits = engine();
        id[i] = kHex[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

std::string request_id_for(std::optional<std::string_view> incoming) {
    if (incoming && valid_request_id(*incoming)) return std::string(*incoming);
    return generate_request_id();
}

}  // namespace coursedist::http
