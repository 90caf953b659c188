// Black-box tests of the public read API (SPEC section 3, issue 2).

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <set>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

class PublicApiTest : public ApiTest {};

TEST_P(PublicApiTest, DetailShowsPublicAndUnlistedButNeverPrivate) {
    auto d = create_course("Visible course title", {{"slug", "visible-course"}});
    std::string id(d.at("distribution_id").as_string());
    EXPECT_EQ(get("/api/distributions/visible-course").status, 404);
    publish(id);
    auto detail = get("/api/distributions/visible-course");
    ASSERT_EQ(detail.status, 200);
    auto body = parse_object(detail.body);
    for (const char* key :
         {"slug", "language", "title", "description", "target_group", "version", "view_count",
          "enrollment_count", "published_at", "derived_from_slug", "seo", "cta", "updated_at"})
        EXPECT_TRUE(body.contains(key)) << key;
    for (const char* internal : {"distribution_id", "course_id", "derived_from", "staging_url"})
        EXPECT_FALSE(body.contains(internal)) << internal;

    admin_json("PUT", "/api/distributions/" + id, {{"visibility", "unlisted"}});
    EXPECT_EQ(get("/api/distributions/visible-course").status, 200);
    admin("POST", "/api/distributions/" + id + "/unpublish");
    EXPECT_EQ(get("/api/distributions/visible-course").status, 404);
    EXPECT_EQ(get("/api/distributions/no-such-course").status, 404);
}

TEST_P(PublicApiTest, DetailAnswers304ForItsEtagAndChangesWithTheCounters) {
    auto d = create_course("Cached course title", {{"slug", "cached-course"}});
    std::string id(d.at("distribution_id").as_string());
    publish(id);
    auto first = get("/api/distributions/cached-course");
    auto etag = first.header("etag");
    ASSERT_TRUE(etag);
    EXPECT_TRUE(first.header("cache-control").has_value());
    auto cached = get("/api/distributions/cached-course", {{"If-None-Match", *etag}});
    EXPECT_EQ(cached.status, 304);
    EXPECT_TRUE(cached.body.empty());
    admin("POST", "/api/distributions/" + id + "/track-click");
    auto changed = get("/api/distributions/cached-course", {{"If-None-Match", *etag}});
    EXPECT_EQ(changed.status, 200);
    EXPECT_EQ(parse_object(changed.body).at("enrollment_count"), 1);
}

TEST_P(PublicApiTest, OutlineSumsChaptersAndDurations) {
    json::object outline{{"modules",
                          {{{"module_id", "m1"},
                            {"title", "One"},
                            {"description", "first"},
                            {"chapter_count", 2},
                            {"estimated_duration_minutes", 15}},
                           {{"module_id", "m2"},
                            {"title", "Two"},
                            {"description", "second"},
                            {"chapter_count", 5},
                            {"estimated_duration_minutes", 50}}}},
                         {"prerequisites", {"None"}},
                         {"learning_outcomes", {"Everything"}}};
    auto d = create_course("Course with an outline", {{"slug", "outlined"}, {"outline", outline}});
    EXPECT_EQ(get("/api/distributions/outlined/outline").status, 404);
    publish(std::string(d.at("distribution_id").as_string()));
    auto response = get("/api/distributions/outlined/outline");
    ASSERT_EQ(response.status, 200);
    auto body = parse_object(response.body);
    EXPECT_EQ(body.at("total_chapters"), 7);
    EXPECT_EQ(body.at("total_duration_minutes"), 65);
    EXPECT_EQ(body.at("slug"), "outlined");
    EXPECT_EQ(body.at("modules").as_array().size(), 2u);
    EXPECT_EQ(body.at("prerequisites"), json::array{"None"});
}

TEST_P(PublicApiTest, VariantDetailNamesItsParentSlug) {
    auto parent = create_course("Parent course title", {{"slug", "parent-course"}});
    std::string parent_id(parent.at("distribution_id").as_string());
    auto child = parse_object(admin_json("POST", "/api/distributions/" + parent_id + "/variants",
                                         {{"target_group", {"nurses"}}})
                                  .body);
    publish(std::string(child.at("distribution_id").as_string()));
    auto body = parse_object(get("/api/distributions/parent-course-nurses").body);
    EXPECT_EQ(body.at("derived_from_slug"), "parent-course");
}

TEST_P(PublicApiTest, CatalogListsOnlyPublishedPublicCoursesNewestFirst) {
    auto hidden = create_course("Hidden private course");
    auto unlisted = create_course("Unlisted course title");
    admin_json("PUT",
               "/api/distributions/" + std::string(unlisted.at("distribution_id").as_string()),
               {{"visibility", "unlisted"}});
    std::vector<std::string> published;
    for (int i = 0; i < 3; ++i) {
        auto d = create_course("Published course number " + std::to_string(i));
        publish(std::string(d.at("distribution_id").as_string()));
        published.emplace_back(d.at("slug").as_string());
    }
    auto catalog = parse_object(get("/api/distributions/catalog").body);
    auto items = catalog.at("items").as_array();
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items.at(0).at("slug"), json::value(published[2]));
    EXPECT_EQ(items.at(2).at("slug"), json::value(published[0]));
    EXPECT_TRUE(catalog.at("next_cursor").is_null());
    EXPECT_FALSE(items.at(0).as_object().contains("distribution_id"));
    EXPECT_FALSE(items.at(0).as_object().contains("seo"));
}

TEST_P(PublicApiTest, CatalogFiltersByLanguageTargetGroupAndText) {
    auto de =
        create_course("Übermaß und Passungen", {{"language", "de"}, {"target_group", {"azubis"}}});
    auto en = create_course("Tolerances and fits", {{"target_group", {"engineers", "azubis"}}});
    publish(std::string(de.at("distribution_id").as_string()));
    publish(std::string(en.at("distribution_id").as_string()));
    auto slugs = [&](const std::string& query) {
        std::set<std::string> out;
        auto page = parse_object(get("/api/distributions/catalog?" + query).body);
        for (const auto& item : page.at("items").as_array())
            out.emplace(item.at("slug").as_string());
        return out;
    };
    std::string de_slug(de.at("slug").as_string()), en_slug(en.at("slug").as_string());
    EXPECT_EQ(slugs("language=de"), std::set<std::string>{de_slug});
    EXPECT_EQ(slugs("target_group=engineers"), std::set<std::string>{en_slug});
    EXPECT_EQ(slugs("target_group=azubis"), (std::set<std::string>{de_slug, en_slug}));
    EXPECT_EQ(slugs("q=%C3%9CBERMA%C3%9F"), std::set<std::string>{de_slug});  // ÜBERMAß
    EXPECT_EQ(slugs("q=TOLERANCES"), std::set<std::string>{en_slug});
    EXPECT_EQ(slugs("q=practical%20course"), (std::set<std::string>{de_slug, en_slug}));
    EXPECT_EQ(slugs("q=50%25"), std::set<std::string>{});  // % is literal, not a wildcard
}

TEST_P(PublicApiTest, CatalogPagesWithCursorsWithoutGapsOrRepeats) {
    std::set<std::string> expected;
    for (int i = 0; i < 7; ++i) {
        auto d = create_course("Paged course number " + std::to_string(i));
        publish(std::string(d.at("distribution_id").as_string()));
        expected.emplace(d.at("slug").as_string());
    }
    std::set<std::string> seen;
    std::string target = "/api/distributions/catalog?limit=3";
    int pages = 0;
    while (true) {
        auto page = parse_object(get(target).body);
        for (const auto& item : page.at("items").as_array())
            EXPECT_TRUE(seen.emplace(item.at("slug").as_string()).second);
        ++pages;
        if (page.at("next_cursor").is_null()) break;
        target = "/api/distributions/catalog?limit=3&cursor=" +
                 std::string(page.at("next_cursor").as_string());
        ASSERT_LT(pages, 10);
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen, expected);
    EXPECT_EQ(get("/api/distributions/catalog?limit=0").status, 422);
    EXPECT_EQ(get("/api/distributions/catalog?limit=101").status, 422);
    EXPECT_EQ(get("/api/distributions/catalog?limit=abc").status, 422);
    EXPECT_EQ(get("/api/distributions/catalog?cursor=zz").status, 422);
}

TEST_P(PublicApiTest, AnIdShapedSegmentIsNeverASlug) {
    auto d = create_course("Id shaped lookups");
    std::string id(d.at("distribution_id").as_string());
    publish(id);
    EXPECT_EQ(get("/api/distributions/" + id).status, 401);  // admin resource, no token
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicApiTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
