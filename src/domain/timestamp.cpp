#include "domain/timestamp.hpp"

#include <cctype>
#include <ctime>

namespace coursedist::domain {

namespace {

// Reads exactly `digits` decimal digits at `pos`, advancing it.
std::optional<int> read_number(std::string_view text, std::size_t& pos, int digits) {
    if (pos + static_cast<std::size_t>(digits) > text.size()) return std::nullopt;
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        char c = text[pos++];
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos >= text.size() || text[pos] != c) return false;
    ++pos;
    return true;
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Seconds east of UTC from `Z`, `±HH:MM` or `±HHMM`; nullopt when malformed.
std::optional<int> read_offset(std::string_view text, std::size_t& pos) {
    if (pos == text.size()) return 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
        return 0;
    }
    if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
    int sign = text[pos++] == '-' ? -1 : 1;
    auto hours = read_number(text, pos, 2);
    expect(text, pos, ':');
    auto minutes = read_number(text, pos, 2);
    if (!hours || !minutes || *hours > 23 || *minutes > 59) return std::nullopt;
    return sign * (*hours * 3600 + *minutes * 60);
}

}  // namespace

std::optional<double> parse_iso8601(std::string_view text) {
    std::size_t pos = 0;
    auto year = read_number(text, pos, 4);
    if (!year || !expect(text, pos, '-')) return std::nullopt;
    auto month = read_number(text, pos, 2);
    if (!month || !expect(text, pos, '-')) return std::nullopt;
    auto day = read_number(text, pos, 2);
    if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' '))
        return std::nullopt;
    ++pos;
    auto hour = read_number(text, pos, 2);
    if (!hour || !expect(text, pos, ':')) return std::nullopt;
    auto minute = read_number(text, pos, 2);
    if (!minute || !expect(text, pos, ':')) return std::nullopt;
    auto second = read_number(text, pos, 2);
    if (!second) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > days_in_month(*year, *month) ||
        *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;

    double fraction = 0;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        double scale = 0.1;
        std::size_t first_digit = pos;
        for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos) {
            fraction += (text[pos] - '0') * scale;
            scale /= 10;
        }
        if (pos == first_digit) return std::nullopt;
    }
    auto offset = read_offset(text, pos);
    if (!offset || pos != text.size()) return std::nullopt;

    std::tm tm{};
    tm.tm_year = *year - 1900;
    tm.tm_mon = *month - 1;
    tm.tm_mday = *day;
    tm.tm_hour = *hour;
    tm.tm_min = *minute;
    tm.tm_sec = *second;
    return static_cast<double>(timegm(&tm)) - *offset + fraction;
}

}  // namespace coursedist::domain
