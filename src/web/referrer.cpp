#include "web/referrer.hpp"

#include <array>
#include <cctype>

namespace coursedist::web {

namespace {

// Host names (or their leading labels, for country domains) by category. Webmail comes first:
// mail.google.com is email, not a search engine.
constexpr std::array kEmailHosts{std::string_view{"mail."}, std::string_view{"outlook."},
                                 std::string_view{"webmail."}};
constexpr std::array kSearchHosts{std::string_view{"google."},        std::string_view{"bing.com"},
                                  std::string_view{"duckduckgo.com"}, std::string_view{"yahoo."},
                                  std::string_view{"ecosia.org"},     std::string_view{"yandex."},
                                  std::string_view{"baidu.com"},      std::string_view{"qwant.com"},
                                  std::string_view{"startpage.com"}};
constexpr std::array kSocialHosts{
    std::string_view{"facebook.com"}, std::string_view{"fb.com"},
    std::string_view{"t.co"},         std::string_view{"twitter.com"},
    std::string_view{"x.com"},        std::string_view{"linkedin.com"},
    std::string_view{"lnkd.in"},      std::string_view{"instagram.com"},
    std::string_view{"reddit.com"},   std::string_view{"pinterest."},
    std::string_view{"youtube.com"},  std::string_view{"xing.com"},
    std::string_view{"tiktok.com"},   std::string_view{"threads.net"},
    std::string_view{"bsky.app"}};

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// True when `host` is `name` or a subdomain of it; a name ending in '.' ("google.") matches any
// top-level domain after it, and one starting a host ("mail.") only at the start.
template <std::size_t N>
bool host_in(std::string_view host, const std::array<std::string_view, N>& names) {
    for (auto name : names) {
        std::size_t at = 0;
        while ((at = host.find(name, at)) != std::string_view::npos) {
            const bool starts_label = at == 0 || host[at - 1] == '.';
            const bool ends_label = name.back() == '.' || at + name.size() == host.size();
            if (starts_label && ends_label) return true;
            ++at;
        }
    }
    return false;
}

}  // namespace

std::string url_host(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    auto rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    // An IPv6 literal keeps its brackets and loses its port like any other host.
    if (rest.starts_with('['))
        rest = rest.substr(0, rest.find(']') + 1);  // no ']': npos + 1 = 0, not a URL
    else
        rest = rest.substr(0, rest.find(':'));
    return lower(rest);
}

std::string referrer_category(std::optional<std::string_view> referer,
                              std::optional<std::string_view> utm_medium,
                              std::string_view own_host) {
    if (utm_medium) {
        const auto medium = lower(*utm_medium);
        if (medium == "cpc" || medium == "ppc" || medium == "paid" || medium == "display")
            return "paid";
        if (medium == "email" || medium == "newsletter") return "email";
        if (medium == "social") return "social";
    }
    if (!referer || referer->empty()) return "direct";
    const auto host = url_host(*referer);
    if (host.empty()) return "other";
    if (host == lower(own_host)) return "direct";  // moving between our own pages
    if (host_in(host, kEmailHosts)) return "email";
    if (host_in(host, kSearchHosts)) return "organic_search";
    if (host_in(host, kSocialHosts)) return "social";
    return "referral";
}

}  // namespace coursedist::web
