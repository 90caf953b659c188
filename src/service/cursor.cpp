#include "service/cursor.hpp"

#include "domain/validation.hpp"

#include <charconv>
#include <cstdio>

namespace coursedist::service {

std::string encode_cursor(const storage::ListCursor& cursor) {
    char key[40];
    std::snprintf(key, sizeof key, "%.17g", cursor.sort_key);
    std::string plain = std::string(key) + "|" + cursor.distribution_id;
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(plain.size() * 2);
    for (unsigned char c : plain) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0xf];
    }
    return out;
}

std::optional<storage::ListCursor> decode_cursor(std::string_view token) {
    if (token.empty() || token.size() % 2 != 0 || token.size() > 200) return std::nullopt;
    std::string plain;
    for (std::size_t i = 0; i < token.size(); i += 2) {
        unsigned value = 0;
        auto [end, ec] = std::from_chars(token.data() + i, token.data() + i + 2, value, 16);
        if (ec != std::errc{} || end != token.data() + i + 2) return std::nullopt;
        plain += static_cast<char>(value);
    }
    auto bar = plain.find('|');
    if (bar == std::string::npos) return std::nullopt;
    storage::ListCursor cursor;
    auto key = std::string_view(plain).substr(0, bar);
    auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), cursor.sort_key);
    if (ec != std::errc{} || end != key.data() + key.size()) return std::nullopt;
    cursor.distribution_id = plain.substr(bar + 1);
    if (!domain::is_valid_distribution_id(cursor.distribution_id)) return std::nullopt;
    return cursor;
}

}  // namespace coursedist::service
