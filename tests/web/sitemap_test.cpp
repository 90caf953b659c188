// sitemaps.org XML: one <url> per course with lastmod and hreflang alternates, escaping, and the
// index past the per-file limit.

#include "web/sitemap.hpp"

#include "sample_course.hpp"
#include "support/html_scan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace coursedist::web {
namespace {

using ::testing::HasSubstr;
using web::testing::sample_course;

TEST(XmlEscape, EscapesTheFiveSpecialCharacters) {
    EXPECT_EQ(xml_escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&apos;f");
    EXPECT_EQ(xml_escape("Größe 💶"), "Größe 💶");
}

TEST(SitemapEntry, LocLastmodAndOneAlternatePerLanguage) {
    auto d = sample_course().distribution;
    auto entry = sitemap_url_entry(d, "https://courses.example.test");
    EXPECT_THAT(entry, HasSubstr("<loc>https://courses.example.test/courses/geld-sparen</loc>"));
    EXPECT_THAT(entry, HasSubstr("<lastmod>2023-11-14T22:15:00.250000Z</lastmod>"));
    // Its own language, each alternate and x-default (reciprocal hreflang sets).
    EXPECT_THAT(entry, HasSubstr("<xhtml:link rel=\"alternate\" hreflang=\"de\" "
                                 "href=\"https://courses.example.test/courses/geld-sparen\"/>"));
    EXPECT_THAT(entry, HasSubstr("hreflang=\"en\" "
                                 "href=\"https://courses.example.test/courses/saving-money\"/>"));
    EXPECT_THAT(entry, HasSubstr("hreflang=\"x-default\" "
                                 "href=\"https://courses.example.test/courses/saving-money\"/>"));
    EXPECT_EQ(entry.back(), '\n');
}

TEST(SitemapEntry, UrlsAreEscaped) {
    auto d = sample_course().distribution;
    d.seo.hreflang_alternates = {{"en", "https://x.test/a?b=1&c=2"}};
    EXPECT_THAT(sitemap_url_entry(d, "https://x.test"),
                HasSubstr("href=\"https://x.test/a?b=1&amp;c=2\""));
}

TEST(SitemapUrlset, IsWellFormedXmlWithBothNamespaces) {
    auto d = sample_course().distribution;
    auto xml = sitemap_urlset(
        {sitemap_url_entry(d, "https://x.test"), sitemap_url_entry(d, "https://y.test")});
    EXPECT_EQ(coursedist::testing::xml_problem(xml), std::nullopt);
    EXPECT_THAT(xml, HasSubstr("xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""));
    EXPECT_THAT(xml, HasSubstr("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    EXPECT_EQ(coursedist::testing::xml_problem(sitemap_urlset({})), std::nullopt);
}

TEST(SitemapIndex, ListsEveryNumberedFile) {
    auto xml = sitemap_index(3, "https://x.test");
    EXPECT_EQ(coursedist::testing::xml_problem(xml), std::nullopt);
    for (const char* loc :
         {"<loc>https://x.test/sitemap-1.xml</loc>", "<loc>https://x.test/sitemap-2.xml</loc>",
          "<loc>https://x.test/sitemap-3.xml</loc>"})
        EXPECT_THAT(xml, HasSubstr(loc));
    EXPECT_THAT(xml, ::testing::Not(HasSubstr("sitemap-4.xml")));
}

TEST(SitemapFiles, AtLeastOneAndRoundedUp) {
    EXPECT_EQ(sitemap_files_for(0, kSitemapUrlsPerFile), 1u);
    EXPECT_EQ(sitemap_files_for(1, kSitemapUrlsPerFile), 1u);
    EXPECT_EQ(sitemap_files_for(50'000, kSitemapUrlsPerFile), 1u);
    EXPECT_EQ(sitemap_files_for(50'001, kSitemapUrlsPerFile), 2u);
    EXPECT_EQ(sitemap_files_for(7, 3), 3u);
}

}  // namespace
}  // namespace coursedist::web
