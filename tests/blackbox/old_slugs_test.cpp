// Black-box tests of old slugs (spec/seo-lifecycle.md, "Old slugs redirect", issue 15): renamed
// courses keep their links with one 301, old slugs stay reserved until released, a deleted
// course's slugs answer 410. Both backends.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kBaseUrl = "https://courses.example.test";

class OldSlugsTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--base-url", kBaseUrl};
    }

    static std::string id_of(const json::object& d) {
        return std::string(d.at("distribution_id").as_string());
    }

    void rename(const std::string& id, const std::string& slug) {
        ASSERT_EQ(admin_json("PUT", "/api/distributions/" + id, {{"slug", slug}}).status, 200)
            << slug;
    }

    json::object counts(const std::string& id) {
        return parse_object(admin("GET", "/api/distributions/" + id).body);
    }

    // Asserts one 301 from `from` to exactly `to`.
    void expect_moved(const std::string& from, const std::string& to) {
        auto r = get(from);
        EXPECT_EQ(r.status, 301) << from;
        EXPECT_EQ(r.header("location").value_or(""), to) << from;
    }

    std::vector<std::string> redirect_slugs(const std::string& id) {
        auto r = admin("GET", "/api/distributions/" + id + "/redirects");
        EXPECT_EQ(r.status, 200);
        std::vector<std::string> slugs;
        const auto entries = parse_json(r.body);
        for (const auto& entry : entries.as_array()) {
            EXPECT_TRUE(entry.as_object().at("created_at").is_number());
            slugs.emplace_back(entry.as_object().at("slug").as_string());
        }
        return slugs;
    }
};

TEST_P(OldSlugsTest, RenamesRedirectInOneHopFromEveryRouteAndCountNothing) {
    auto d = create_course("Renamed course title", {{"slug", "slug-a"}});
    const auto id = id_of(d);
    publish(id);
    rename(id, "slug-b");
    rename(id, "slug-c");

    for (const std::string old : {"slug-a", "slug-b"}) {
        expect_moved("/courses/" + old, "/courses/slug-c");
        expect_moved("/courses/" + old + "?utm_medium=email&x=1",
                     "/courses/slug-c?utm_medium=email&x=1");
        expect_moved("/courses/" + old + "/enroll?ref=mail", "/courses/slug-c/enroll?ref=mail");
        expect_moved("/api/distributions/" + old, "/api/distributions/slug-c");
        expect_moved("/api/distributions/" + old + "/outline?v=2",
                     "/api/distributions/slug-c/outline?v=2");
    }
    // The redirects counted nothing.
    auto after_redirects = counts(id);
    EXPECT_EQ(after_redirects.at("view_count"), 0);
    EXPECT_EQ(after_redirects.at("enrollment_count"), 0);
    // Where they lead counts as usual.
    EXPECT_EQ(get("/courses/slug-c").status, 200);
    EXPECT_EQ(get("/courses/slug-c/enroll").status, 302);
    EXPECT_EQ(get("/api/distributions/slug-c").status, 200);
    auto counted = counts(id);
    EXPECT_EQ(counted.at("view_count"), 1);
    EXPECT_EQ(counted.at("enrollment_count"), 1);

    EXPECT_EQ(redirect_slugs(id), (std::vector<std::string>{"slug-b", "slug-a"}));
    EXPECT_EQ(get("/courses/never-was").status, 404);
}

TEST_P(OldSlugsTest, RenamingBackMakesAnOldSlugCurrentAgain) {
    auto d = create_course("Course renamed back", {{"slug", "first-name"}});
    const auto id = id_of(d);
    publish(id);
    rename(id, "second-name");
    rename(id, "first-name");
    EXPECT_EQ(get("/courses/first-name").status, 200);
    EXPECT_EQ(get("/api/distributions/first-name").status, 200);
    expect_moved("/courses/second-name", "/courses/first-name");
    EXPECT_EQ(redirect_slugs(id), std::vector<std::string>{"second-name"});
}

TEST_P(OldSlugsTest, AnOldSlugIsReservedUntilReleased) {
    auto a = create_course("Course keeping its old slug", {{"slug", "kept-slug"}});
    const auto id = id_of(a);
    publish(id);
    rename(id, "new-slug");

    auto other = create_course("Another course wanting it");
    const auto other_id = id_of(other);
    auto refused_rename =
        admin_json("PUT", "/api/distributions/" + other_id, {{"slug", "kept-slug"}});
    EXPECT_EQ(refused_rename.status, 409);
    EXPECT_THAT(refused_rename.body, HasSubstr("old slug of another distribution"));
    auto refused_create = admin_json("POST", "/api/distributions/create",
                                     {{"course_id", "course-third"},
                                      {"slug", "kept-slug"},
                                      {"language", "en"},
                                      {"title", "Third course wanting it"},
                                      {"description", long_description("third")}});
    EXPECT_EQ(refused_create.status, 409) << refused_create.body;
    // A generated slug steps around it.
    auto generated = create_course("Kept slug!");  // slugified: kept-slug
    EXPECT_NE(generated.at("slug"), "kept-slug");

    EXPECT_EQ(admin("DELETE", "/api/distributions/" + id + "/redirects/no-such-slug").status, 404);
    EXPECT_EQ(admin("DELETE", "/api/distributions/" + id + "/redirects/new-slug").status, 404)
        << "the current slug is no redirect";
    EXPECT_EQ(admin("DELETE", "/api/distributions/" + id + "/redirects/kept-slug").status, 204);
    EXPECT_TRUE(redirect_slugs(id).empty());
    EXPECT_EQ(get("/courses/kept-slug").status, 404);
    rename(other_id, "kept-slug");
    EXPECT_EQ(admin("GET", "/api/distributions/" + other_id).status, 200);
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions/" + other_id).body).at("slug"),
              "kept-slug");
    EXPECT_EQ(admin("GET", "/api/distributions/dist_ffffffffffffffff/redirects").status, 404);
}

TEST_P(OldSlugsTest, AnOldSlugOfAPrivateCourseIsNotFound) {
    auto d = create_course("Private renamed course", {{"slug", "private-old"}});
    const auto id = id_of(d);
    rename(id, "private-new");
    EXPECT_EQ(get("/courses/private-old").status, 404);
    EXPECT_EQ(get("/courses/private-old/enroll").status, 404);
    EXPECT_EQ(get("/api/distributions/private-old").status, 404);
    publish(id);
    expect_moved("/courses/private-old", "/courses/private-new");
    admin("POST", "/api/distributions/" + id + "/unpublish");
    EXPECT_EQ(get("/courses/private-old").status, 404);
    EXPECT_EQ(get("/api/distributions/private-old/outline").status, 404);
}

TEST_P(OldSlugsTest, ADeletedCoursesSlugsAreGoneUntilTakenAgain) {
    auto d = create_course("Course to delete", {{"slug", "doomed-old"}});
    const auto id = id_of(d);
    publish(id);
    rename(id, "doomed");
    ASSERT_EQ(admin("DELETE", "/api/distributions/" + id).status, 204);

    for (const std::string slug : {"doomed", "doomed-old"}) {
        for (const auto& page : {"/courses/" + slug, "/courses/" + slug + "/enroll"}) {
            auto r = get(page);
            EXPECT_EQ(r.status, 410) << page;
            EXPECT_THAT(r.header("content-type").value_or(""), HasSubstr("text/html"));
            EXPECT_THAT(r.body, HasSubstr("href=\"/courses\""));
            EXPECT_TRUE(r.header("content-security-policy").has_value()) << page;
        }
        for (const auto& api :
             {"/api/distributions/" + slug, "/api/distributions/" + slug + "/outline"}) {
            auto r = get(api);
            EXPECT_EQ(r.status, 410) << api;
            EXPECT_THAT(r.header("content-type").value_or(""), HasSubstr("problem+json"));
        }
    }
    EXPECT_EQ(get("/courses/never-existed").status, 404);

    // A new course takes one of the slugs: it is its page now; the other stays gone.
    auto successor = create_course("Successor course", {{"slug", "doomed"}});
    publish(id_of(successor));
    EXPECT_EQ(get("/courses/doomed").status, 200);
    EXPECT_EQ(get("/courses/doomed-old").status, 410);
}

TEST_P(OldSlugsTest, TheSitemapListsCurrentSlugsOnly) {
    auto d = create_course("Course in the sitemap", {{"slug", "map-old"}});
    const auto id = id_of(d);
    publish(id);
    rename(id, "map-new");
    auto sitemap = get("/sitemap.xml");
    ASSERT_EQ(sitemap.status, 200);
    EXPECT_THAT(sitemap.body, HasSubstr(std::string(kBaseUrl) + "/courses/map-new<"));
    EXPECT_THAT(sitemap.body, Not(HasSubstr("map-old")));
}

TEST_P(OldSlugsTest, TheLandingPageFollowsARenameAtOnce) {
    auto d = create_course("Cached landing page", {{"slug", "cached-old"}});
    const auto id = id_of(d);
    publish(id);
    ASSERT_EQ(get("/courses/cached-old").status, 200);  // now in the page caches
    ASSERT_EQ(get("/api/distributions/cached-old").status, 200);
    rename(id, "cached-new");
    expect_moved("/courses/cached-old", "/courses/cached-new");
    expect_moved("/api/distributions/cached-old", "/api/distributions/cached-new");
    auto page = get("/courses/cached-new");
    ASSERT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("/courses/cached-new"));
}

INSTANTIATE_TEST_SUITE_P(Backends, OldSlugsTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
