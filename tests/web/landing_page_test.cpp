// Landing page rendering (issue 6): every head tag, escaping of hostile text, JSON-LD that parses
// back to the exact title, labels per language, no invented outline facts, ETag without counters.

#include "sample_course.hpp"
#include "support/gzip.hpp"
#include "support/html_scan.hpp"
#include "web/page_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::web {
namespace {

using coursedist::testing::element_text;
using coursedist::testing::html_start_tags;
using coursedist::testing::meta_content;
using coursedist::testing::script_contents;
using coursedist::testing::tags_where;
using ::testing::HasSubstr;
using ::testing::Not;
using web::testing::kSite;
using web::testing::sample_course;

namespace json = boost::json;

class LandingPage : public ::testing::Test {
  protected:
    PageRenderer renderer{TemplateSet::load(std::nullopt), kSite};
};

TEST_F(LandingPage, HeadCarriesEverySeoTag) {
    const auto detail = sample_course();
    const auto html = renderer.landing(detail);
    const auto tags = html_start_tags(html);
    const auto& seo = detail.distribution.seo;
    const std::string url = "https://courses.example.test/courses/geld-sparen";

    EXPECT_EQ(tags_where(tags, "html", "lang", "de").size(), 1u);
    EXPECT_EQ(element_text(html, "title"), seo.meta_title);
    EXPECT_EQ(meta_content(tags, "description"), seo.meta_description);
    EXPECT_EQ(meta_content(tags, "keywords"), "Sparen, Anlegen");
    EXPECT_EQ(meta_content(tags, "robots"), std::nullopt);
    ASSERT_EQ(tags_where(tags, "link", "rel", "canonical").size(), 1u);
    EXPECT_EQ(tags_where(tags, "link", "rel", "canonical")[0].attribute("href"), url);
    EXPECT_EQ(meta_content(tags, "og:type"), "website");
    EXPECT_EQ(meta_content(tags, "og:title"), seo.meta_title);
    EXPECT_EQ(meta_content(tags, "og:description"), seo.meta_description);
    EXPECT_EQ(meta_content(tags, "og:url"), url);
    EXPECT_EQ(meta_content(tags, "og:image"), *seo.og_image_url);
    EXPECT_EQ(meta_content(tags, "og:image:alt"), detail.distribution.title);
    EXPECT_EQ(meta_content(tags, "og:locale"), "de_DE");
    EXPECT_EQ(meta_content(tags, "og:locale:alternate"), "en_US");
    EXPECT_EQ(meta_content(tags, "twitter:card"), "summary_large_image");
    EXPECT_EQ(meta_content(tags, "twitter:title"), seo.meta_title);
    EXPECT_EQ(meta_content(tags, "twitter:description"), seo.meta_description);
    EXPECT_EQ(meta_content(tags, "twitter:image"), *seo.og_image_url);

    std::map<std::string, std::string> hreflang;
    for (const auto& link : tags_where(tags, "link", "rel", "alternate"))
        hreflang[*link.attribute("hreflang")] = *link.attribute("href");
    EXPECT_EQ(hreflang, (std::map<std::string, std::string>{
                            {"de", url},
                            {"en", "https://courses.example.test/courses/saving-money"},
                            {"x-default", "https://courses.example.test/courses/saving-money"}}));
}

TEST_F(LandingPage, HostileTitleIsEscapedAndJsonLdParsesBackExactly) {
    const auto detail = sample_course();
    const auto html = renderer.landing(detail);
    EXPECT_THAT(html, Not(HasSubstr("<b>Sparen")));
    EXPECT_EQ(element_text(html, "h1"), detail.distribution.title);

    const auto scripts = script_contents(html, "application/ld+json");
    ASSERT_EQ(scripts.size(), 1u);
    EXPECT_THAT(scripts[0], Not(HasSubstr("</script")));
    const auto course = json::parse(scripts[0]).as_object();
    EXPECT_EQ(course.at("@type"), "Course");
    EXPECT_EQ(course.at("name").as_string(), detail.distribution.title);
    EXPECT_EQ(course.at("description").as_string(), detail.distribution.description);
    EXPECT_EQ(course.at("provider").at("@type"), "Organization");
    EXPECT_EQ(course.at("inLanguage"), "de");
    EXPECT_EQ(course.at("courseCode"), "geld-sparen");
    EXPECT_EQ(course.at("audience").as_array().size(), 2u);
    EXPECT_EQ(course.at("hasCourseInstance").at("courseWorkload"), "PT1H50M");
    EXPECT_FALSE(course.contains("distribution_id"));
}

TEST_F(LandingPage, BodyShowsFactsOutlineAndCounters) {
    const auto html = renderer.landing(sample_course());
    const auto tags = html_start_tags(html);
    const auto cta = tags_where(tags, "a", "class", "cta");
    ASSERT_FALSE(cta.empty());
    EXPECT_EQ(cta[0].attribute("href"), "/courses/geld-sparen/enroll");
    EXPECT_EQ(tags_where(tags, "section", "id", "enroll").size(), 1u);
    for (auto text :
         {"Kapitel", "1 Std. 50 Min.", "Deutsch", "v3", "Grundlagen", "Was Zinsen sind.",
          "berufstaetige", "Einen Sparplan aufstellen", "Ein Girokonto",
          "1.234 Aufrufe · 1 Anmeldung", "Kursinhalt", "Voraussetzungen"})
        EXPECT_THAT(html, HasSubstr(text));
    EXPECT_THAT(html, Not(HasSubstr("<script>")));  // no JavaScript, only the JSON-LD block
}

TEST_F(LandingPage, EnglishLabelsNoInventedFactsAndNoindexForUnlisted) {
    auto detail = sample_course("en-GB");
    detail.distribution.outline = {};
    detail.distribution.seo.og_image_url.reset();
    detail.distribution.seo.keywords.clear();
    detail.distribution.visibility = domain::Visibility::Unlisted;
    const auto html = renderer.landing(detail);
    const auto tags = html_start_tags(html);
    EXPECT_EQ(meta_content(tags, "robots"), "noindex");
    EXPECT_EQ(meta_content(tags, "og:locale"), "en_GB");
    EXPECT_EQ(meta_content(tags, "og:image"), std::nullopt);
    EXPECT_EQ(meta_content(tags, "keywords"), std::nullopt);
    EXPECT_EQ(meta_content(tags, "twitter:card"), "summary");
    EXPECT_THAT(html, HasSubstr("English (GB)"));
    EXPECT_THAT(html, HasSubstr("1,234 views · 1 enrollment"));
    for (auto absent : {"Chapters", "Duration", "Course outline", "Prerequisites", "Kapitel"})
        EXPECT_THAT(html, Not(HasSubstr(absent)));
    const auto course = json::parse(script_contents(html, "application/ld+json").at(0)).as_object();
    EXPECT_FALSE(course.contains("hasCourseInstance"));
}

TEST_F(LandingPage, EtagIgnoresCountersButFollowsContent) {
    auto detail = sample_course();
    const auto etag = renderer.landing_etag(detail);
    EXPECT_TRUE(etag.starts_with("W/\""));
    detail.distribution.view_count += 10;
    detail.distribution.enrollment_count += 3;
    EXPECT_EQ(renderer.landing_etag(detail), etag);
    detail.distribution.title += "!";
    EXPECT_NE(renderer.landing_etag(detail), etag);
    auto unlisted = sample_course();
    unlisted.distribution.visibility = domain::Visibility::Unlisted;
    EXPECT_NE(renderer.landing_etag(unlisted), etag);
}

// The page around the counters is rendered once per ETag; later views only change the counters.
TEST_F(LandingPage, ALaterViewChangesOnlyTheCounters) {
    auto detail = sample_course();
    const auto first = renderer.landing(detail);
    detail.distribution.view_count = 1235;
    detail.distribution.enrollment_count = 2;
    const auto second = renderer.landing(detail);
    auto expected = first;
    const std::string before = "1.234 Aufrufe · 1 Anmeldung";
    expected.replace(expected.find(before), before.size(), "1.235 Aufrufe · 2 Anmeldungen");
    EXPECT_EQ(second, expected);

    detail.distribution.title = "Ein neuer Titel";
    EXPECT_EQ(element_text(renderer.landing(detail), "h1"), "Ein neuer Titel");
}

TEST_F(LandingPage, CourseTextThatLooksLikeTheCounterMarkIsShownAsIs) {
    auto detail = sample_course();
    detail.distribution.title = "Sparen \001counters\001 leicht";
    const auto html = renderer.landing(detail);
    EXPECT_EQ(element_text(html, "h1"), detail.distribution.title);
    EXPECT_THAT(html, HasSubstr("1.234 Aufrufe · 1 Anmeldung"));
    EXPECT_EQ(renderer.landing(detail), html);
}

TEST_F(LandingPage, GzipBodyFromTheKeptPartsDecodesToThePlainPageForEveryCount) {
    const auto page = renderer.landing_page(sample_course());
    ASSERT_NE(page->around_counters, nullptr);
    for (std::int64_t views : {0, 1, 999, 1234567}) {
        const auto compressed = renderer.landing_gzip(*page, views, views / 3);
        ASSERT_TRUE(compressed.has_value());
        EXPECT_EQ(coursedist::testing::gunzip(*compressed),
                  renderer.landing(*page, views, views / 3))
            << views;
        EXPECT_LT(compressed->size(), renderer.landing(*page, views, views / 3).size() / 2);
    }

    // A page without the cut has no kept parts: the server compresses its whole body instead.
    auto odd = sample_course();
    odd.distribution.title = "Sparen \001counters\001 leicht";
    EXPECT_EQ(renderer.landing_gzip(*renderer.landing_page(odd), 1, 1), std::nullopt);
}

TEST_F(LandingPage, NotFoundPageSpeaksTheVisitorsLanguage) {
    EXPECT_THAT(renderer.not_found(true), HasSubstr("Kurs nicht gefunden"));
    EXPECT_THAT(renderer.not_found(false), HasSubstr("Course not found"));
}

}  // namespace
}  // namespace coursedist::web
