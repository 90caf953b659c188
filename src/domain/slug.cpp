#include "domain/slug.hpp"

#include "domain/stop_words.hpp"
#include "domain/unicode.hpp"

#include <algorithm>
#include <array>

namespace coursedist::domain {

namespace {

// Every literal path segment of a route where a slug can also stand, so a slug never shadows a
// route (or is shadowed by one): /api/distributions/{slug}, /api/distributions/{id}/<action>,
// /api/<x>, /courses/{slug}/<action>. The one place to extend when a route is added.
constexpr std::string_view kReservedSlugs[] = {
    "catalog",   "create",   "health",      "events",   "outline",      "publish",
    "unpublish", "log-view", "track-click", "variants", "version-bump", "changelog",
    "enroll",    "sitemap",  "robots",      "openapi",  "metrics",      "seo-report",
};

// Latin-1 Supplement U+00C0..U+00FF to ASCII; nullptr for × and ÷ (separators).
constexpr std::array<const char*, 64> kLatin1 = {
    "a", "a", "a", "a", "ae", "a", "ae", "c",     "e", "e", "e", "e", "i",  "i", "i",  "i",
    "d", "n", "o", "o", "o",  "o", "oe", nullptr, "o", "u", "u", "u", "ue", "y", "th", "ss",
    "a", "a", "a", "a", "ae", "a", "ae", "c",     "e", "e", "e", "e", "i",  "i", "i",  "i",
    "d", "n", "o", "o", "o",  "o", "oe", nullptr, "o", "u", "u", "u", "ue", "y", "th", "y",
};

struct Transliteration {
    char32_t first;
    char32_t last;
    const char* ascii;
};

// Latin Extended-A U+0100..U+017F, grouped by base letter.
constexpr Transliteration kLatinExtendedA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},  {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"},  {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

constexpr char32_t kCapitalSharpS = 0x1E9E;
constexpr char32_t kCombiningDiaeresis = 0x308;

bool is_combining_mark(char32_t cp) {
    return cp >= 0x300 && cp <= 0x36F;
}

// The ASCII letters for cp, or nullptr when cp is a separator.
const char* transliterate(char32_t cp) {
    static constexpr std::array<const char*, 128> kAscii = [] {
        std::array<const char*, 128> table{};
        constexpr const char* kDigits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
        constexpr const char* kLetters[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
                                            "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                            "s", "t", "u", "v", "w", "x", "y", "z"};
        for (int d = 0; d < 10; ++d) table['0' + d] = kDigits[d];
        for (int l = 0; l < 26; ++l) table['a' + l] = table['A' + l] = kLetters[l];
        return table;
    }();
    if (cp < 0x80) return kAscii[cp];
    if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
    for (const auto& t : kLatinExtendedA)
        if (cp >= t.first && cp <= t.last) return t.ascii;
    if (cp == kCapitalSharpS) return "ss";
    return nullptr;
}

// The longest prefix of a normalised slug within max characters that ends at a `-` boundary
// (a single longer word is cut hard), without a trailing `-`.
std::string cut_at_boundary(std::string_view slug, std::size_t max) {
    if (slug.size() <= max) return std::string(slug);
    std::string_view kept = slug.substr(0, max);
    if (slug[max] != '-') {
        const auto dash = kept.rfind('-');
        if (dash != std::string_view::npos && dash > 0) kept = kept.substr(0, dash);
    }
    while (!kept.empty() && kept.back() == '-') kept.remove_suffix(1);
    return std::string(kept);
}

}  // namespace

bool is_valid_slug_pattern(std::string_view slug) {
    if (slug.empty() || slug.front() == '-' || slug.back() == '-') return false;
    char previous = '\0';
    for (char c : slug) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && c != '-') return false;
        if (c == '-' && previous == '-') return false;
        previous = c;
    }
    return true;
}

bool is_reserved_slug(std::string_view slug) {
    return std::ranges::find(kReservedSlugs, slug) != std::end(kReservedSlugs);
}

std::string normalize_slug(std::string_view text) {
    std::string out;
    bool pending_separator = false;
    for (char32_t cp : decode_utf8(text)) {
        if (is_combining_mark(cp)) {
            // Decomposed input (NFD): a diaeresis on a/o/u is the German umlaut, other marks
            // belong to the base letter already written.
            if (cp == kCombiningDiaeresis && !pending_separator && !out.empty() &&
                (out.back() == 'a' || out.back() == 'o' || out.back() == 'u'))
                out += 'e';
            continue;
        }
        const char* ascii = transliterate(cp);
        if (ascii == nullptr) {
            pending_separator = true;
            continue;
        }
        if (pending_separator && !out.empty()) out += '-';
        pending_separator = false;
        out += ascii;
    }
    return cut_at_boundary(out, kSlugMax);
}

std::string slugify(std::string_view text, std::string_view random_hex6) {
    std::string slug = normalize_slug(text);
    if (slug.size() < kSlugMin) return "course-" + std::string(random_hex6);
    if (is_reserved_slug(slug)) return slug_with_suffix(slug, 2);
    return slug;
}

std::string short_slug(std::string_view text, std::string_view language) {
    const std::string full = normalize_slug(text);
    std::string out;
    std::size_t words = 0;
    std::string_view rest = full;
    while (!rest.empty() && words < kShortSlugWords) {
        const auto dash = rest.find('-');
        const auto word = rest.substr(0, dash);
        rest = dash == std::string_view::npos ? std::string_view{} : rest.substr(dash + 1);
        if (is_stop_word(word, language)) continue;
        if (!out.empty()) out += '-';
        out += word;
        ++words;
    }
    return out;
}

std::string slug_with_suffix(std::string_view base, int n) {
    const std::string suffix = "-" + std::to_string(n);
    const auto room = kSlugMax - suffix.size();
    std::string kept = cut_at_boundary(base, room);
    // The last word boundary may lie far back (`f-` + one 98-letter word): a slug shorter than
    // kSlugMin would then be refused, so the long word is cut instead (found by fuzzing).
    if (kept.size() + suffix.size() < kSlugMin) {
        kept = std::string(base.substr(0, room));
        while (!kept.empty() && kept.back() == '-') kept.pop_back();
    }
    return kept + suffix;
}

}  // namespace coursedist::domain
