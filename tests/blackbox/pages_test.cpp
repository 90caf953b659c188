// Black-box tests of the HTML pages (SPEC section 3 "Pages", issue 6): the real binary, HTML and
// XML parsed the way a crawler would. Pages do not depend on the storage backend beyond the API
// the other suites cover for both, so these run on SQLite only.

#include "support/api_fixture.hpp"
#include "support/html_scan.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <fstream>
#include <regex>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kBaseUrl = "https://courses.example.test";
constexpr const char* kHostileTitle = "Kurs \"Geld\" </script><b>Sparen & Anlegen";

class PagesTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        // One event per count: the tests look for each count's event.
        options.extra_args = {"--base-url", kBaseUrl, "--counter-event-window", "0"};
    }

    // A published course with every optional field set.
    json::object create_full_course(const std::string& slug, const std::string& title,
                                    const std::string& language = "de") {
        json::object outline{
            {"modules", json::array{json::object{{"module_id", "m1"},
                                                 {"title", "Grundlagen"},
                                                 {"description", "Zinsen & Gebühren."},
                                                 {"chapter_count", 4},
                                                 {"estimated_duration_minutes", 45}}}},
            {"prerequisites", json::array{"Ein Girokonto"}},
            {"learning_outcomes", json::array{"Einen Sparplan aufstellen"}}};
        json::object seo{{"meta_title", "Geld sparen und anlegen lernen"},
                         {"meta_description",
                          "Sparen und Anlegen für Einsteiger: Regeln, Beispiele, Checklisten."},
                         {"keywords", json::array{"Sparen", "Anlegen"}},
                         {"og_image_url", "https://img.example.test/kurs.png"},
                         {"hreflang_alternates",
                          json::object{{"en", std::string(kBaseUrl) + "/courses/saving-money"}}}};
        auto d = create_course(title, {{"slug", slug},
                                       {"language", language},
                                       {"target_group", json::array{"berufstaetige"}},
                                       {"outline", outline},
                                       {"seo", seo}});
        publish(std::string(d.at("distribution_id").as_string()));
        return d;
    }

    json::object admin_get(const json::object& d) {
        return parse_object(
            admin("GET", "/api/distributions/" + std::string(d.at("distribution_id").as_string()))
                .body);
    }

    std::vector<std::string> event_types() {
        const auto events = parse_object(admin("GET", "/api/events?limit=1000").body);
        std::vector<std::string> types;
        for (const auto& item : events.at("items").as_array())
            types.emplace_back(item.at("event").at("type").as_string());
        return types;
    }
};

TEST_P(PagesTest, LandingHeadCarriesEveryTag) {
    create_full_course("geld-sparen", "Geld sparen und anlegen");
    auto page = get("/courses/geld-sparen");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    EXPECT_TRUE(page.header("etag").has_value());
    EXPECT_TRUE(page.header("cache-control").has_value());

    const auto tags = html_start_tags(page.body);
    const std::string url = std::string(kBaseUrl) + "/courses/geld-sparen";
    EXPECT_EQ(tags_where(tags, "html", "lang", "de").size(), 1u);
    EXPECT_EQ(element_text(page.body, "title"), "Geld sparen und anlegen lernen");
    EXPECT_EQ(meta_content(tags, "description"),
              "Sparen und Anlegen für Einsteiger: Regeln, Beispiele, Checklisten.");
    EXPECT_EQ(meta_content(tags, "keywords"), "Sparen, Anlegen");
    auto canonical = tags_where(tags, "link", "rel", "canonical");
    ASSERT_EQ(canonical.size(), 1u);
    EXPECT_EQ(canonical[0].attribute("href"), url);
    EXPECT_EQ(meta_content(tags, "og:type"), "website");
    EXPECT_EQ(meta_content(tags, "og:title"), "Geld sparen und anlegen lernen");
    EXPECT_EQ(meta_content(tags, "og:description"), meta_content(tags, "description"));
    EXPECT_EQ(meta_content(tags, "og:url"), url);
    EXPECT_EQ(meta_content(tags, "og:image"), "https://img.example.test/kurs.png");
    EXPECT_EQ(meta_content(tags, "og:image:alt"), "Geld sparen und anlegen");
    EXPECT_EQ(meta_content(tags, "og:locale"), "de_DE");
    EXPECT_EQ(meta_content(tags, "twitter:card"), "summary_large_image");
    EXPECT_EQ(meta_content(tags, "twitter:title"), "Geld sparen und anlegen lernen");
    EXPECT_EQ(meta_content(tags, "twitter:description"), meta_content(tags, "description"));
    EXPECT_EQ(meta_content(tags, "robots"), std::nullopt);  // public: indexable

    std::map<std::string, std::string> hreflang;
    for (const auto& link : tags_where(tags, "link", "rel", "alternate"))
        hreflang[*link.attribute("hreflang")] = *link.attribute("href");
    const auto english = std::string(kBaseUrl) + "/courses/saving-money";
    EXPECT_EQ(hreflang, (std::map<std::string, std::string>{
                            {"de", url}, {"en", english}, {"x-default", english}}));

    // Body: German labels, facts, outline, CTA as a plain link to /enroll.
    for (auto text : {"Kapitel", "45 Min.", "Deutsch", "v1", "Grundlagen", "Zinsen &amp; Gebühren.",
                      "berufstaetige", "Einen Sparplan aufstellen", "Ein Girokonto", "1 Aufruf"})
        EXPECT_THAT(page.body, HasSubstr(text));
    auto cta = tags_where(tags, "a", "class", "cta");
    ASSERT_FALSE(cta.empty());
    EXPECT_EQ(cta[0].attribute("href"), "/courses/geld-sparen/enroll");
}

TEST_P(PagesTest, JsonLdOfAHostileTitleParsesBackExactly) {
    auto d = create_course(kHostileTitle, {{"slug", "hostile-title"}, {"language", "de"}});
    publish(std::string(d.at("distribution_id").as_string()));
    auto page = get("/courses/hostile-title");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, Not(HasSubstr("<b>Sparen")));
    EXPECT_EQ(element_text(page.body, "h1"), kHostileTitle);
    EXPECT_EQ(element_text(page.body, "title"), kHostileTitle);  // default meta_title

    auto scripts = script_contents(page.body, "application/ld+json");
    ASSERT_EQ(scripts.size(), 1u);
    auto course = parse_json(scripts[0]).as_object();
    EXPECT_EQ(course.at("@context"), "https://schema.org");
    EXPECT_EQ(course.at("@type"), "Course");
    EXPECT_EQ(course.at("name").as_string(), kHostileTitle);
    EXPECT_EQ(course.at("description").as_string(), d.at("description").as_string());
    EXPECT_EQ(course.at("provider").at("@type"), "Organization");
    EXPECT_EQ(course.at("inLanguage"), "de");
    EXPECT_EQ(course.at("courseCode"), "hostile-title");
}

TEST_P(PagesTest, UnlistedIsNoindexAndUnlistedPrivateNeverListed) {
    create_full_course("public-course", "A public course title");
    auto unlisted = create_course("An unlisted course title", {{"slug", "unlisted-course"}});
    admin_json("PUT",
               "/api/distributions/" + std::string(unlisted.at("distribution_id").as_string()),
               {{"visibility", "unlisted"}});
    create_course("A private course title", {{"slug", "private-course"}});

    auto page = get("/courses/unlisted-course");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(meta_content(html_start_tags(page.body), "robots"), "noindex");
    EXPECT_EQ(meta_content(html_start_tags(page.body), "og:locale"), "en_US");

    auto hidden = get("/courses/private-course");
    EXPECT_EQ(hidden.status, 404);
    EXPECT_THAT(hidden.header("content-type").value_or(""), HasSubstr("text/html"));
    EXPECT_EQ(get("/courses/no-such-course").status, 404);

    for (auto listing : {get("/sitemap.xml").body, get("/courses").body}) {
        EXPECT_THAT(listing, HasSubstr("/courses/public-course"));
        EXPECT_THAT(listing, Not(HasSubstr("unlisted-course")));
        EXPECT_THAT(listing, Not(HasSubstr("private-course")));
    }
}

TEST_P(PagesTest, SitemapIsWellFormedXmlWithLastmodAndHreflang) {
    create_full_course("geld-sparen", "Geld sparen und anlegen");
    auto second = create_course("Second public course", {{"slug", "second-course"}});
    publish(std::string(second.at("distribution_id").as_string()));
    auto sitemap = get("/sitemap.xml");
    ASSERT_EQ(sitemap.status, 200);
    EXPECT_THAT(sitemap.header("content-type").value_or(""), HasSubstr("xml"));
    EXPECT_EQ(xml_problem(sitemap.body), std::nullopt) << sitemap.body;
    for (auto slug : {"geld-sparen", "second-course"})
        EXPECT_THAT(sitemap.body, HasSubstr("<loc>https://courses.example.test/courses/" +
                                            std::string(slug) + "</loc>"));
    EXPECT_TRUE(std::regex_search(
        sitemap.body,
        std::regex("<lastmod>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z</lastmod>")));
    EXPECT_THAT(sitemap.body,
                HasSubstr("<xhtml:link rel=\"alternate\" hreflang=\"de\" "
                          "href=\"https://courses.example.test/courses/geld-sparen\"/>"));
    EXPECT_THAT(
        sitemap.body,
        HasSubstr("hreflang=\"en\" href=\"https://courses.example.test/courses/saving-money\""));

    auto robots = get("/robots.txt");
    ASSERT_EQ(robots.status, 200);
    EXPECT_THAT(robots.body, HasSubstr("Sitemap: https://courses.example.test/sitemap.xml\n"));
}

TEST_P(PagesTest, EnrollCountsOneClickWithItsEventAndRedirects) {
    auto d = create_full_course("geld-sparen", "Geld sparen und anlegen");
    const auto before = admin_get(d).at("enrollment_count").as_int64();
    auto redirect = get("/courses/geld-sparen/enroll");
    EXPECT_EQ(redirect.status, 302);
    EXPECT_EQ(redirect.header("location"), "/courses/geld-sparen#enroll");  // no CTA url
    EXPECT_EQ(redirect.header("cache-control"), "no-store");
    EXPECT_EQ(admin_get(d).at("enrollment_count").as_int64(), before + 1);
    auto types = event_types();
    EXPECT_EQ(std::count(types.begin(), types.end(), "distribution.enrollment_clicked"), 1);

    // Following the redirect lands on the page's CTA section.
    auto landing =
        get(redirect.header("location")->substr(0, redirect.header("location")->find('#')));
    EXPECT_EQ(landing.status, 200);
    EXPECT_EQ(tags_where(html_start_tags(landing.body), "section", "id", "enroll").size(), 1u);

    auto with_url = create_course("A course with a CTA link",
                                  {{"slug", "cta-link-course"},
                                   {"cta", json::object{{"label", "Zum Kurs"},
                                                        {"action", "custom"},
                                                        {"url", "https://learn.example.test/x"}}}});
    publish(std::string(with_url.at("distribution_id").as_string()));
    EXPECT_EQ(get("/courses/cta-link-course/enroll").header("location"),
              "https://learn.example.test/x");
    EXPECT_EQ(admin_get(with_url).at("enrollment_count").as_int64(), 1);
}

TEST_P(PagesTest, ViewIsCountedOnceAnd304CountsNothing) {
    auto d = create_full_course("geld-sparen", "Geld sparen und anlegen");
    auto first = get("/courses/geld-sparen");
    ASSERT_EQ(first.status, 200);
    const auto etag = *first.header("etag");
    EXPECT_EQ(admin_get(d).at("view_count").as_int64(), 1);

    auto again = get("/courses/geld-sparen", {{"If-None-Match", etag}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(admin_get(d).at("view_count").as_int64(), 1);
    auto types = event_types();
    EXPECT_EQ(std::count(types.begin(), types.end(), "distribution.viewed"), 1);

    // A change of content changes the ETag: the old one no longer gets a 304.
    admin_json("PUT", "/api/distributions/" + std::string(d.at("distribution_id").as_string()),
               {{"title", "Geld sparen und anlegen, neu"}});
    EXPECT_EQ(get("/courses/geld-sparen", {{"If-None-Match", etag}}).status, 200);
    EXPECT_EQ(admin_get(d).at("view_count").as_int64(), 2);
}

TEST_P(PagesTest, CatalogPageListsPublicCoursesAndFiltersByLanguage) {
    create_full_course("geld-sparen", "Geld sparen und anlegen");
    auto en = create_course("An English course title", {{"slug", "english-course"}});
    publish(std::string(en.at("distribution_id").as_string()));

    auto all = get("/courses");
    ASSERT_EQ(all.status, 200);
    EXPECT_THAT(all.body, HasSubstr("href=\"/courses/geld-sparen\""));
    EXPECT_THAT(all.body, HasSubstr("href=\"/courses/english-course\""));
    auto german = get("/courses?language=de");
    EXPECT_THAT(german.body, HasSubstr("<html lang=\"de\">"));
    EXPECT_THAT(german.body, HasSubstr("/courses/geld-sparen"));
    EXPECT_THAT(german.body, Not(HasSubstr("/courses/english-course")));
    EXPECT_EQ(get("/courses", {{"If-None-Match", *all.header("etag")}}).status, 304);
}

TEST_P(PagesTest, BrokenOverrideTemplateStopsStartUpNamingTheFile) {
    const auto folder = dir_->path() / "templates";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "landing.mustache") << "<html>\n{{#title}}\n</html>\n";
    auto [status, output] = run_command({"serve", "--listen", "127.0.0.1:0", "--database",
                                         "sqlite:" + (dir_->path() / "other.db").string(),
                                         "--templates", folder.string()});
    EXPECT_NE(status, 0);
    EXPECT_THAT(output, HasSubstr((folder / "landing.mustache").string()));
    EXPECT_THAT(output, HasSubstr("title"));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, PagesTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace coursedist::testing
