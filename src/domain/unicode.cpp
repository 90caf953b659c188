#include "domain/unicode.hpp"

namespace coursedist::domain {

namespace {

struct Step {
    char32_t code_point;
    std::size_t length;  // bytes consumed; 1 for an invalid byte
    bool valid;
};

bool is_continuation(unsigned char b) {
    return (b & 0xC0) == 0x80;
}

// One code point at s[i] (i < s.size()). Strict RFC 3629: no overlong forms, no surrogates,
// nothing above U+10FFFF.
Step next_code_point(std::string_view s, std::size_t i) {
    const Step invalid{kReplacementCharacter, 1, false};
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const unsigned char b0 = byte(0);
    if (b0 < 0x80) return {b0, 1, true};

    std::size_t length = 0;
    unsigned char second_min = 0x80, second_max = 0xBF;
    char32_t cp = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        length = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        length = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0) second_min = 0xA0;  // overlong
        if (b0 == 0xED) second_max = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        length = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0) second_min = 0x90;  // overlong
        if (b0 == 0xF4) second_max = 0x8F;  // above U+10FFFF
    } else {
        return invalid;
    }
    if (i + length > s.size()) return invalid;
    if (byte(1) < second_min || byte(1) > second_max) return invalid;
    for (std::size_t k = 1; k < length; ++k) {
        if (!is_continuation(byte(k))) return invalid;
        cp = (cp << 6) | (byte(k) & 0x3F);
    }
    return {cp, length, true};
}

char32_t lower(char32_t cp) {
    if (cp >= 'A' && cp <= 'Z') return cp + 0x20;
    // Latin-1: À..Þ except × (U+00D7).
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 0x20;
    if (cp == 0x130) return 'i';  // İ: its full lower case needs a combining dot; search wants i
    // Latin Extended-A alternates upper/lower in pairs, with the parity shifting twice.
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp % 2 == 0 ? cp + 1 : cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp % 2 == 1 ? cp + 1 : cp;
    if (cp == 0x178) return 0xFF;   // Ÿ → ÿ
    if (cp == 0x1E9E) return 0xDF;  // ẞ → ß
    return cp;
}

bool is_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0;
}

std::size_t skip_leading_space(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const Step step = next_code_point(s, i);
        if (!is_space(step.code_point)) break;
        i += step.length;
    }
    return i;
}

std::string_view trim_trailing_space(std::string_view s) {
    while (!s.empty()) {
        std::size_t last = s.size() - 1;
        while (last > 0 && is_continuation(static_cast<unsigned char>(s[last]))) --last;
        const Step step = next_code_point(s, last);
        // A stray continuation byte decodes as one invalid byte: stop there, it is not a space.
        if (last + step.length != s.size() || !is_space(step.code_point)) break;
        s.remove_suffix(s.size() - last);
    }
    return s;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const Step step = next_code_point(s, i);
        if (!step.valid) return false;
        i += step.length;
    }
    return true;
}

std::vector<char32_t> decode_utf8(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const Step step = next_code_point(s, i);
        out.push_back(step.code_point);
        i += step.length;
    }
    return out;
}

std::string sanitize_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const Step step = next_code_point(s, i);
        if (step.valid)
            out.append(s.substr(i, step.length));
        else
            append_utf8(out, kReplacementCharacter);
        i += step.length;
    }
    return out;
}

std::size_t code_points(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size(); ++count) i += next_code_point(s, i).length;
    return count;
}

std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const Step step = next_code_point(s, i);
        if (step.valid)
            append_utf8(out, lower(step.code_point));
        else
            out += s[i];  // keep invalid bytes as they are: folding must not change lengths
        i += step.length;
    }
    return out;
}

std::string truncate_at_word(std::string_view s, std::size_t max_code_points) {
    const std::size_t begin = skip_leading_space(s);
    std::size_t count = 0;
    std::size_t i = begin;
    std::size_t last_word_end = std::string_view::npos;  // where the last space run starts
    bool previous_was_space = false;
    while (i < s.size() && count < max_code_points) {
        const Step step = next_code_point(s, i);
        const bool space = is_space(step.code_point);
        if (space && !previous_was_space) last_word_end = i;
        previous_was_space = space;
        i += step.length;
        ++count;
    }
    std::size_t end = i;
    const bool cut_inside_word =
        i < s.size() && !previous_was_space && !is_space(next_code_point(s, i).code_point);
    if (cut_inside_word && last_word_end != std::string_view::npos) end = last_word_end;
    return std::string(trim_trailing_space(s.substr(begin, end - begin)));
}

std::string truncate_code_points(std::string_view s, std::size_t max_code_points) {
    const std::size_t begin = skip_leading_space(s);
    std::size_t i = begin;
    for (std::size_t count = 0; i < s.size() && count < max_code_points; ++count)
        i += next_code_point(s, i).length;
    return std::string(trim_trailing_space(s.substr(begin, i - begin)));
}

}  // namespace coursedist::domain
