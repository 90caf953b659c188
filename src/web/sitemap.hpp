#pragma once
// sitemaps.org XML: one <url> per public course with its lastmod and xhtml:link hreflang
// alternates; past the protocol's 50,000 URLs per file, /sitemap.xml becomes a sitemap index of
// /sitemap-N.xml files.

#include "domain/model.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

constexpr std::size_t kSitemapUrlsPerFile = 50'000;  // sitemaps.org limit

// `<url>` element of one course page.
std::string sitemap_url_entry(const domain::Distribution& d, std::string_view base_url);
// A <urlset> around entries made by sitemap_url_entry.
std::string sitemap_urlset(const std::vector<std::string>& entries);
// A <sitemapindex> listing base_url/sitemap-1.xml … base_url/sitemap-<files>.xml.
std::string sitemap_index(std::size_t files, std::string_view base_url);
// How many sitemap files `urls` URLs need (at least 1: an empty site has an empty sitemap).
std::size_t sitemap_files_for(std::size_t urls, std::size_t urls_per_file);

// XML character data / attribute value escaping.
std::string xml_escape(std::string_view text);

}  // namespace coursedist::web
