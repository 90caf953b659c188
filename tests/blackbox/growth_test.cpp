// Black-box: the growth tools (spec/growth.md) on each backend: slug suggestions and the SEO
// report.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <algorithm>
#include <map>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class GrowthTest : public ApiTest {
  protected:
    std::vector<std::string> suggested(const std::string& query) {
        auto r = admin("GET", "/api/slugs/suggest?" + query);
        EXPECT_EQ(r.status, 200) << query << ": " << r.body;
        std::vector<std::string> slugs;
        const auto body = parse_object(r.body);
        for (const auto& s : body.at("slugs").as_array()) slugs.emplace_back(s.as_string());
        return slugs;
    }
};

TEST_P(GrowthTest, SlugSuggestionsAreFreeFullAndShort) {
    // "Sparen für Studenten und Azubis", percent-encoded.
    const std::string title = "title=Sparen%20f%C3%BCr%20Studenten%20und%20Azubis";
    EXPECT_THAT(suggested(title + "&language=de"),
                ElementsAre("sparen-fuer-studenten-und-azubis", "sparen-studenten-azubis"));

    create_course("Sparen für Studenten und Azubis", {{"slug", "sparen-studenten-azubis"}});
    EXPECT_THAT(suggested(title + "&language=de"),
                ElementsAre("sparen-fuer-studenten-und-azubis", "sparen-studenten-azubis-2"));
    // Without a language every list's stop words go.
    EXPECT_THAT(suggested("title=The%20Basics%20of%20Saving"),
                ElementsAre("the-basics-of-saving", "basics-saving"));

    auto refused = admin("GET", "/api/slugs/suggest?language=german");
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(refused.header("content-type"), "application/problem+json");
    EXPECT_THAT(error_fields(refused), UnorderedElementsAre("title", "language"));

    EXPECT_EQ(get("/api/slugs/suggest?" + title).status, 401);

    auto openapi = parse_object(get("/openapi.json").body);
    const auto& operation = openapi.at("paths").at("/api/slugs/suggest").at("get");
    EXPECT_EQ(operation.at("operationId"), "suggestSlugs");
}

// The keywords of a report, best first, and its checks by name.
struct Report {
    std::vector<std::string> keywords;
    std::map<std::string, json::object> checks;
};

Report read_report(const HttpResponse& r) {
    Report report;
    const auto body = parse_object(r.body);
    for (const auto& k : body.at("keyword_suggestions").as_array())
        report.keywords.emplace_back(k.at("keyword").as_string());
    for (const auto& c : body.at("checks").as_array())
        report.checks[std::string(c.at("check").as_string())] = c.as_object();
    return report;
}

TEST_P(GrowthTest, SeoReportRanksAgainstTheCatalogAndChecksIt) {
    const std::string shared =
        "Learn how to save money step by step, with simple habits for every day and for the "
        "years to come.";
    json::object seo{{"meta_title", "Saving money: simple habits for every day"},
                     {"meta_description", shared},
                     {"keywords", json::array{"saving money"}}};
    const auto a = create_course("Saving money at home", {{"description", shared}, {"seo", seo}});
    const auto b =
        create_course("Saving money while shopping", {{"description", shared}, {"seo", seo}});
    const auto target =
        create_course("Saving money with cryptocurrency", {{"description", shared}});
    const auto id = std::string(target.at("distribution_id").as_string());

    const auto first = admin("GET", "/api/distributions/" + id + "/seo-report");
    ASSERT_EQ(first.status, 200) << first.body;
    const auto report = read_report(first);
    const auto at = [&](const std::string& keyword) {
        return std::find(report.keywords.begin(), report.keywords.end(), keyword) -
               report.keywords.begin();
    };
    EXPECT_LT(at("cryptocurrency"), 5) << first.body;
    EXPECT_LT(at("cryptocurrency"), at("saving"));
    for (const char* stop : {"with", "the", "for", "and", "to"})
        EXPECT_EQ(at(stop), static_cast<long>(report.keywords.size())) << stop;
    for (const char* name : {"meta_title_length", "meta_description_length", "keyword_in_title",
                             "keyword_in_description", "keyword_in_slug", "duplicate_meta_title",
                             "keyword_cannibalization"})
        EXPECT_TRUE(report.checks.contains(name)) << name;
    EXPECT_EQ(admin("GET", "/api/distributions/" + id + "/seo-report").body, first.body);

    // a and b share their meta title; published, they cannibalize each other's first keyword.
    const auto a_id = std::string(a.at("distribution_id").as_string());
    auto of_a = read_report(admin("GET", "/api/distributions/" + a_id + "/seo-report"));
    EXPECT_EQ(of_a.checks.at("duplicate_meta_title").at("status"), "warning");
    EXPECT_EQ(of_a.checks.at("keyword_cannibalization").at("status"), "ok");
    publish(std::string(b.at("distribution_id").as_string()));
    of_a = read_report(admin("GET", "/api/distributions/" + a_id + "/seo-report"));
    const auto& cannibalized = of_a.checks.at("keyword_cannibalization");
    EXPECT_EQ(cannibalized.at("status"), "warning");
    EXPECT_NE(cannibalized.at("message").as_string().find(b.at("slug").as_string()),
              std::string::npos);
    EXPECT_EQ(read_report(admin("GET", "/api/distributions/" + id + "/seo-report"))
                  .checks.at("duplicate_meta_title")
                  .at("status"),
              "ok");

    EXPECT_EQ(admin("GET", "/api/distributions/dist_0000000000000000/seo-report").status, 404);
    EXPECT_EQ(get("/api/distributions/" + id + "/seo-report").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, GrowthTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
