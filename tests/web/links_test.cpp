// Page URLs, query escaping, hreflang sets and Open Graph locales.

#include "web/links.hpp"

#include <gtest/gtest.h>

namespace coursedist::web {
namespace {

TEST(Paths, CourseAndEnrollPages) {
    EXPECT_EQ(course_path("geld-sparen"), "/courses/geld-sparen");
    EXPECT_EQ(enroll_path("geld-sparen"), "/courses/geld-sparen/enroll");
}

TEST(QueryEscape, KeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(query_escape("AZaz09-_.~"), "AZaz09-_.~");
    EXPECT_EQ(query_escape("a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
    EXPECT_EQ(query_escape("ü"), "%C3%BC");
    EXPECT_EQ(query_escape(""), "");
}

TEST(OgLocale, DerivesARegionFromTheLanguage) {
    EXPECT_EQ(og_locale("de"), "de_DE");
    EXPECT_EQ(og_locale("en"), "en_US");
    EXPECT_EQ(og_locale("de-AT"), "de_AT");
    EXPECT_EQ(og_locale("fr"), "fr_FR");
    EXPECT_EQ(og_locale("ja"), "ja_JP");
}

TEST(Hreflang, SelfAlternatesAndOneSharedXDefault) {
    domain::Distribution d;
    d.language = "de";
    d.seo.hreflang_alternates = {{"fr", "https://x/fr"}, {"de", "https://x/stale"}};
    auto links = hreflang_links(d, "https://x/de");
    ASSERT_EQ(links.size(), 3u);
    EXPECT_EQ(links[0].code, "de");
    EXPECT_EQ(links[0].href, "https://x/de");  // the page itself wins over a stale alternate
    EXPECT_EQ(links[1].code, "fr");
    EXPECT_EQ(links[2].code, "x-default");
    EXPECT_EQ(links[2].href, "https://x/de");  // no English page: first language
    d.seo.hreflang_alternates["en-GB"] = "https://x/en";
    EXPECT_EQ(hreflang_links(d, "https://x/de").back().href, "https://x/en");
}

TEST(Hreflang, APageWithoutAlternatesIsItsOwnDefault) {
    domain::Distribution d;
    d.language = "en";
    auto links = hreflang_links(d, "https://x/en");
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].code, "en");
    EXPECT_EQ(links[1].code, "x-default");
    EXPECT_EQ(links[1].href, "https://x/en");
}

}  // namespace
}  // namespace coursedist::web
