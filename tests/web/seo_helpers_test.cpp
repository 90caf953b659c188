// Small SEO helpers of the pages (issue 6): locales, hreflang sets, JSON in <script>, labels,
// referrer categories.

#include "web/json_ld.hpp"
#include "web/labels.hpp"
#include "web/links.hpp"
#include "web/referrer.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::web {
namespace {

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

TEST(ScriptSafeJson, NoMarkupSurvivesAndTheValueIsUnchanged) {
    const boost::json::value value{{"name", "a</script><!-- & \"q\"\n😀"}};
    const auto text = script_safe_json(value);
    EXPECT_EQ(text.find('<'), std::string::npos);
    EXPECT_EQ(text.find('>'), std::string::npos);
    EXPECT_EQ(text.find('&'), std::string::npos);
    EXPECT_EQ(boost::json::parse(text), value);
}

TEST(Labels, NumbersAndDurationsPerLanguage) {
    EXPECT_EQ(format_count(1234567, true), "1.234.567");
    EXPECT_EQ(format_count(999, false), "999");
    EXPECT_EQ(format_count(1000, false), "1,000");
    EXPECT_EQ(format_duration(150, true), "2 Std. 30 Min.");
    EXPECT_EQ(format_duration(45, false), "45 min");
    EXPECT_EQ(format_duration(120, false), "2 h");
    EXPECT_EQ(iso8601_duration(150), "PT2H30M");
    EXPECT_EQ(iso8601_duration(60), "PT1H");
    EXPECT_EQ(language_name("de", false), "German");
    EXPECT_EQ(language_name("xx", true), "xx");
    EXPECT_EQ(label("outline", true), "Kursinhalt");
}

TEST(Referrer, CategoriesFromHostAndUtmMedium) {
    const std::string_view own = "courses.example.test";
    EXPECT_EQ(referrer_category(std::nullopt, std::nullopt, own), "direct");
    EXPECT_EQ(referrer_category("https://www.google.de/search?q=x", std::nullopt, own),
              "organic_search");
    EXPECT_EQ(referrer_category("https://mail.google.com/", std::nullopt, own), "email");
    EXPECT_EQ(referrer_category("https://t.co/abc", std::nullopt, own), "social");
    EXPECT_EQ(referrer_category("https://www.linkedin.com/feed", std::nullopt, own), "social");
    EXPECT_EQ(referrer_category("https://blog.example.org/post", std::nullopt, own), "referral");
    EXPECT_EQ(referrer_category("https://notgoogle.example/", std::nullopt, own), "referral");
    EXPECT_EQ(referrer_category("https://courses.example.test/courses", std::nullopt, own),
              "direct");
    EXPECT_EQ(referrer_category("https://www.google.de/", "cpc", own), "paid");
    EXPECT_EQ(referrer_category("garbage", std::nullopt, own), "other");
    EXPECT_EQ(url_host("https://user@Host.Example:8443/x"), "host.example");
}

}  // namespace
}  // namespace coursedist::web
