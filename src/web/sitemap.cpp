#include "web/sitemap.hpp"

#include "domain/events.hpp"
#include "web/links.hpp"

namespace coursedist::web {

namespace {

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
constexpr std::string_view kSitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string sitemap_url_entry(const domain::Distribution& d, std::string_view base_url) {
    const auto page_url = std::string(base_url) + course_path(d.slug);
    // W3C Datetime (fractional seconds are allowed by its "complete date plus … fraction" form).
    std::string out = "<url><loc>" + xml_escape(page_url) + "</loc><lastmod>" +
                      domain::iso8601_utc(d.updated_at) + "</lastmod>";
    for (const auto& link : hreflang_links(d, page_url))
        out += "<xhtml:link rel=\"alternate\" hreflang=\"" + xml_escape(link.code) + "\" href=\"" +
               xml_escape(link.href) + "\"/>";
    out += "</url>\n";
    return out;
}

std::string sitemap_urlset(const std::vector<std::string>& entries) {
    std::string out(kXmlDeclaration);
    out += "<urlset xmlns=\"" + std::string(kSitemapNamespace) +
           "\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    for (const auto& entry : entries) out += entry;
    out += "</urlset>\n";
    return out;
}

std::string sitemap_index(std::size_t files, std::string_view base_url) {
    std::string out(kXmlDeclaration);
    out += "<sitemapindex xmlns=\"" + std::string(kSitemapNamespace) + "\">\n";
    for (std::size_t n = 1; n <= files; ++n)
        out += "<sitemap><loc>" + xml_escape(base_url) + "/sitemap-" + std::to_string(n) +
               ".xml</loc></sitemap>\n";
    out += "</sitemapindex>\n";
    return out;
}

std::size_t sitemap_files_for(std::size_t urls, std::size_t urls_per_file) {
    return urls == 0 ? 1 : (urls + urls_per_file - 1) / urls_per_file;
}

}  // namespace coursedist::web
