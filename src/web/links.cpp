#include "web/links.hpp"

#include <array>
#include <cctype>
#include <map>

namespace coursedist::web {

namespace {

// Languages whose usual country code is not the language code in upper case.
struct DefaultRegion {
    std::string_view language;
    std::string_view region;
};
constexpr std::array kDefaultRegions{
    DefaultRegion{"en", "US"}, DefaultRegion{"ja", "JP"}, DefaultRegion{"zh", "CN"},
    DefaultRegion{"ko", "KR"}, DefaultRegion{"sv", "SE"}, DefaultRegion{"da", "DK"},
    DefaultRegion{"cs", "CZ"}, DefaultRegion{"el", "GR"}, DefaultRegion{"uk", "UA"},
    DefaultRegion{"he", "IL"}, DefaultRegion{"hi", "IN"}, DefaultRegion{"ar", "SA"},
    DefaultRegion{"nb", "NO"}, DefaultRegion{"et", "EE"}, DefaultRegion{"sl", "SI"},
};

}  // namespace

std::string course_path(std::string_view slug) {
    return "/courses/" + std::string(slug);
}

std::string enroll_path(std::string_view slug) {
    return course_path(slug) + "/enroll";
}

std::string query_escape(std::string_view value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : value) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::vector<Hreflang> hreflang_links(const domain::Distribution& d, std::string_view page_url) {
    std::map<std::string, std::string> by_language(d.seo.hreflang_alternates.begin(),
                                                   d.seo.hreflang_alternates.end());
    by_language[d.language] = std::string(page_url);
    std::vector<Hreflang> links;
    for (const auto& [code, href] : by_language) links.push_back({code, href});
    auto x_default = by_language.begin()->second;
    for (const auto& [code, href] : by_language) {
        if (code == "en" || code.starts_with("en-")) {
            x_default = href;
            break;
        }
    }
    links.push_back({"x-default", x_default});
    return links;
}

std::string og_locale(std::string_view language) {
    const auto base = std::string(language.substr(0, 2));
    if (language.size() == 5) return base + "_" + std::string(language.substr(3));
    for (const auto& entry : kDefaultRegions)
        if (entry.language == base) return base + "_" + std::string(entry.region);
    std::string region = base;
    for (auto& c : region) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return base + "_" + region;
}

}  // namespace coursedist::web
