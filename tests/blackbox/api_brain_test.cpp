// Black-box tests of BRAiN's own routes (spec/brain-routes.md, issue 18): every route's exact keys
// and status codes, then the way BRAiN's callers use them, one walk each. Visitors' requests
// carry a browser's User-Agent, so that the counting rules of spec/analytics.md count them.

#include "support/api_fixture.hpp"
#include "support/html_scan.hpp"

#include <gmock/gmock.h>

#include <regex>
#include <set>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::UnorderedElementsAreArray;

const json::object kSeo{
    {"meta_title", "Banking alternatives explained"},
    {"meta_description",
     "Neobanks, credit unions and savings apps compared: what each offers and what it costs."},
    {"keywords", {"banking", "neobank"}}};
const json::object kCta{{"label", "Start the course"}, {"action", "open_course"}};

std::set<std::string> keys_of(const json::object& o) {
    std::set<std::string> keys;
    for (const auto& [key, _] : o) keys.emplace(key);
    return keys;
}

class BrainRoutesTest : public ApiTest {
  protected:
    // One event per view: the referrer category of each view is in its own event.
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--counter-event-window", "0"};
    }

    // The referrer_category of each distribution.viewed event, in commit order.
    std::vector<std::string> viewed_referrers() {
        const auto events = parse_object(admin("GET", "/api/events?limit=1000").body);
        std::vector<std::string> out;
        for (const auto& item : events.at("items").as_array()) {
            const auto& event = item.at("event");
            if (event.at("type") == "distribution.viewed")
                out.emplace_back(event.at("payload").at("referrer_category").as_string());
        }
        return out;
    }

    // BRAiN's CreateDistributionRequest of a valid course.
    static json::object create_body(const std::string& slug, json::object changes = {}) {
        json::object body{{"course_id", "course_" + slug},
                          {"slug", slug},
                          {"language", "en"},
                          {"title", "Banking alternatives: " + slug},
                          {"description", long_description("banking alternatives")},
                          {"target_group", {"private"}},
                          {"seo", kSeo},
                          {"cta", kCta}};
        for (auto& [key, value] : changes) body[key] = value;
        return body;
    }

    HttpResponse brain_create(const std::string& slug, json::object changes = {}) {
        return admin_json("POST", "/api/courses/distribution/create",
                          create_body(slug, std::move(changes)));
    }

    // Creates and publishes a course through BRAiN's routes; its distribution id.
    std::string published_course(const std::string& slug, json::object changes = {}) {
        auto created = brain_create(slug, std::move(changes));
        EXPECT_EQ(created.status, 201) << created.body;
        std::string id(parse_object(created.body).at("distribution_id").as_string());
        auto published = admin("POST", "/api/courses/distribution/" + id + "/publish");
        EXPECT_EQ(published.status, 200) << published.body;
        return id;
    }

    // A visitor's request, from a browser.
    HttpResponse visit(const std::string& method, const std::string& target,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("User-Agent", std::string(kBrowserUserAgent));
        return client_->request(method, target, {}, std::move(headers));
    }

    std::int64_t stored(const std::string& id, const char* counter) {
        return parse_object(admin("GET", "/api/distributions/" + id).body).at(counter).as_int64();
    }

    double uncounted_metric(const std::string& kind, const std::string& reason) {
        const auto text = get("/metrics").body;
        const std::regex line("coursedist_uncounted_total\\{kind=\"" + kind + "\",reason=\"" +
                              reason + "\"\\} ([0-9.e+]+)\n");
        std::smatch match;
        if (!std::regex_search(text, match, line)) return -1;
        return std::stod(match[1]);
    }

    json::object micro_niche_body(const std::string& parent_id, const std::string& new_slug) {
        return {{"parent_course_id", parent_id},
                {"new_slug", new_slug},
                {"language", "de"},
                {"derived_content",
                 {{"title_override", "Bankalternativen für Rentner"},
                  {"target_group_override", {"rentner"}},
                  {"example_replacements", json::object{}},
                  {"additional_context", "Optimiert für Rentner"}}},
                {"target_group", {"rentner"}},
                {"seo", kSeo},
                {"cta", kCta}};
    }
};

// --- The contract: keys, status codes, tokens, unknown fields -------------------------------

TEST_P(BrainRoutesTest, EveryAnswerCarriesExactlyItsKeys) {
    const std::set<std::string> created_keys{"distribution_id", "slug", "message"};
    const std::set<std::string> published_keys{"distribution_id", "published", "message"};
    const std::set<std::string> item_keys{"slug",        "language",         "title",
                                          "description", "target_group",     "version",
                                          "view_count",  "enrollment_count", "published_at"};
    auto detail_keys = item_keys;
    detail_keys.insert({"derived_from_slug", "seo", "cta", "updated_at"});

    auto created = brain_create("exact-keys");
    ASSERT_EQ(created.status, 201) << created.body;
    const auto body = parse_object(created.body);
    EXPECT_EQ(keys_of(body), created_keys);
    EXPECT_EQ(body.at("slug"), "exact-keys");
    const std::string id(body.at("distribution_id").as_string());

    const auto publish = admin("POST", "/api/courses/distribution/" + id + "/publish");
    ASSERT_EQ(publish.status, 200);
    EXPECT_EQ(keys_of(parse_object(publish.body)), published_keys);
    EXPECT_EQ(parse_object(publish.body).at("published"), true);

    const auto list = parse_json(visit("GET", "/api/courses/public").body);
    ASSERT_TRUE(list.is_array());
    ASSERT_EQ(list.as_array().size(), 1u);
    EXPECT_EQ(keys_of(list.as_array()[0].as_object()), item_keys);

    const auto detail = visit("GET", "/api/courses/public/exact-keys");
    ASSERT_EQ(detail.status, 200);
    EXPECT_EQ(keys_of(parse_object(detail.body)), detail_keys);

    const auto outline = visit("GET", "/api/courses/public/exact-keys/outline");
    ASSERT_EQ(outline.status, 200);
    EXPECT_EQ(
        keys_of(parse_object(outline.body)),
        (std::set<std::string>{"slug", "title", "language", "version", "modules", "total_chapters",
                               "total_duration_minutes", "prerequisites", "learning_outcomes"}));

    const auto track = visit("POST", "/api/courses/public/exact-keys/track-enrollment");
    ASSERT_EQ(track.status, 200);
    EXPECT_EQ(keys_of(parse_object(track.body)),
              (std::set<std::string>{"slug", "tracked", "message"}));

    const auto page = visit("GET", "/api/courses/public/exact-keys/page");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");

    const auto variant = admin_json("POST", "/api/courses/distribution/micro-niche",
                                    micro_niche_body(id, "exact-keys-rentner"));
    ASSERT_EQ(variant.status, 201) << variant.body;
    EXPECT_EQ(keys_of(parse_object(variant.body)), created_keys);

    const auto bump = admin("POST", "/api/courses/distribution/" + id + "/version-bump");
    ASSERT_EQ(bump.status, 200) << bump.body;
    EXPECT_EQ(keys_of(parse_object(bump.body)),
              (std::set<std::string>{"distribution_id", "old_version", "new_version", "message"}));

    const auto unpublish = admin("POST", "/api/courses/distribution/" + id + "/unpublish");
    ASSERT_EQ(unpublish.status, 200);
    EXPECT_EQ(keys_of(parse_object(unpublish.body)), published_keys);
    EXPECT_EQ(parse_object(unpublish.body).at("published"), false);

    const auto health = get("/api/courses/distribution/health");
    ASSERT_EQ(health.status, 200);
    const auto h = parse_object(health.body);
    EXPECT_EQ(keys_of(h),
              (std::set<std::string>{"name", "version", "status", "public_courses_count"}));
    EXPECT_EQ(h.at("name"), "Course Distribution System");
    EXPECT_EQ(h.at("status"), "healthy");
    EXPECT_EQ(h.at("public_courses_count"), 0);  // unpublished again
}

TEST_P(BrainRoutesTest, AdminRoutesRequireTheToken) {
    auto created = brain_create("token-course");
    ASSERT_EQ(created.status, 201);
    const std::string id(parse_object(created.body).at("distribution_id").as_string());
    const std::string body = json::serialize(create_body("no-token-course"));
    const std::string base = "/api/courses/distribution/";
    for (const std::string& target :
         std::vector<std::string>{base + "create", base + "micro-niche", base + id + "/publish",
                                  base + id + "/unpublish", base + id + "/version-bump"}) {
        SCOPED_TRACE(target);
        const auto anonymous =
            client_->request("POST", target, body, {{"Content-Type", "application/json"}});
        EXPECT_EQ(anonymous.status, 401);
        EXPECT_EQ(anonymous.header("content-type"), "application/problem+json");
        const auto wrong = client_->request(
            "POST", target, body,
            {{"Content-Type", "application/json"}, {"Authorization", "Bearer not-the-token"}});
        EXPECT_EQ(wrong.status, 401);
    }
    // Nothing changed: still one private v1 course.
    const auto d = parse_object(admin("GET", "/api/distributions/" + id).body);
    EXPECT_EQ(d.at("visibility"), "private");
    EXPECT_EQ(d.at("version"), "v1");
    EXPECT_EQ(admin("GET", "/api/distributions/no-token-course").status, 404);
}

TEST_P(BrainRoutesTest, UnknownFieldsAreRefusedWith422NamingThem) {
    auto fields = [&](const std::string& target, const json::object& body) {
        const auto response = admin_json("POST", target, body);
        EXPECT_EQ(response.status, 422) << target << " " << response.body;
        return error_fields(response);
    };
    auto with_extras = create_body("extra-fields");
    with_extras["owner"] = "someone";
    with_extras["outline"] = json::object{};  // the API's create takes one, BRAiN's does not
    with_extras["seo"].as_object()["canonical"] = "x";
    with_extras["cta"].as_object()["color"] = "red";
    EXPECT_THAT(fields("/api/courses/distribution/create", with_extras),
                UnorderedElementsAreArray({"owner", "outline", "seo.canonical", "cta.color"}));

    auto created = brain_create("extra-fields-parent");
    ASSERT_EQ(created.status, 201);
    const std::string id(parse_object(created.body).at("distribution_id").as_string());
    auto niche = micro_niche_body(id, "extra-fields-niche");
    niche["slug"] = "extra-fields-niche";  // the API's name of new_slug
    niche["derived_content"].as_object()["tone"] = "friendly";
    EXPECT_THAT(fields("/api/courses/distribution/micro-niche", niche),
                UnorderedElementsAreArray({"slug", "derived_content.tone"}));

    EXPECT_THAT(fields("/api/courses/distribution/" + id + "/version-bump", {{"to", "v9"}}),
                ElementsAre("to"));
    EXPECT_EQ(admin("GET", "/api/distributions/extra-fields").status, 404);
}

TEST_P(BrainRoutesTest, StatusCodesOfUnknownCoursesAndBadQueries) {
    const std::string nobody = "/api/courses/distribution/dist_0123456789abcdef";
    EXPECT_EQ(admin("POST", nobody + "/publish").status, 404);
    EXPECT_EQ(admin("POST", nobody + "/unpublish").status, 404);
    EXPECT_EQ(admin("POST", nobody + "/version-bump").status, 404);
    EXPECT_EQ(admin("POST", "/api/courses/distribution/not-an-id/publish").status, 404);
    const auto orphan = admin_json("POST", "/api/courses/distribution/micro-niche",
                                   micro_niche_body("dist_0123456789abcdef", "orphan-niche"));
    EXPECT_EQ(orphan.status, 404) << orphan.body;

    for (const char* target :
         {"/api/courses/public/no-such-course", "/api/courses/public/no-such-course/outline",
          "/api/courses/public/no-such-course/page"}) {
        const auto response = visit("GET", target);
        EXPECT_EQ(response.status, 404) << target;
        EXPECT_EQ(response.header("content-type"), "application/problem+json") << target;
    }
    EXPECT_EQ(visit("POST", "/api/courses/public/no-such-course/track-enrollment").status, 404);

    for (const char* limit : {"0", "101", "ten"}) {
        const auto response = visit("GET", std::string("/api/courses/public?limit=") + limit);
        EXPECT_EQ(response.status, 422) << limit;
        EXPECT_THAT(error_fields(response), ElementsAre("limit"));
    }
    const auto empty = admin_json("POST", "/api/courses/distribution/create", json::object{});
    EXPECT_EQ(empty.status, 422);
    EXPECT_THAT(error_fields(empty),
                UnorderedElementsAreArray({"course_id", "slug", "language", "title", "description",
                                           "target_group", "seo", "cta"}));
}

// --- BRAiN's callers, one walk each ---------------------------------------------------------

TEST_P(BrainRoutesTest, CreatedThenPublishedCourseIsInThePublicListAndItsLanguage) {
    const auto created = brain_create("private-course-en");
    ASSERT_EQ(created.status, 201);
    published_course("banking-en");
    published_course("banking-de", {{"language", "de"}});

    auto slugs = [&](const std::string& query) {
        const auto response = visit("GET", "/api/courses/public" + query);
        EXPECT_EQ(response.status, 200) << response.body;
        std::vector<std::string> out;
        const auto items = parse_json(response.body);
        for (const auto& item : items.as_array()) out.emplace_back(item.at("slug").as_string());
        return out;
    };
    EXPECT_THAT(slugs(""), ElementsAre("banking-de", "banking-en"));  // newest first
    EXPECT_THAT(slugs("?language=de"), ElementsAre("banking-de"));
    EXPECT_THAT(slugs("?language=en"), ElementsAre("banking-en"));
    EXPECT_THAT(slugs("?limit=1"), ElementsAre("banking-de"));
    EXPECT_THAT(slugs("?language=fr"), ElementsAre());
}

TEST_P(BrainRoutesTest, DetailAndOutlineOfAPublishedCourseAnd404ForPrivateOrUnpublished) {
    const auto id = published_course("outlined-course");
    const auto detail = visit("GET", "/api/courses/public/outlined-course");
    ASSERT_EQ(detail.status, 200);
    const auto d = parse_object(detail.body);
    EXPECT_EQ(d.at("slug"), "outlined-course");
    EXPECT_EQ(d.at("seo").at("meta_title"), kSeo.at("meta_title"));
    EXPECT_EQ(d.at("cta").at("label"), "Start the course");
    EXPECT_TRUE(d.at("derived_from_slug").is_null());
    const auto outline = visit("GET", "/api/courses/public/outlined-course/outline");
    ASSERT_EQ(outline.status, 200);
    EXPECT_EQ(parse_object(outline.body).at("slug"), "outlined-course");
    EXPECT_EQ(parse_object(outline.body).at("total_chapters"), 0);

    ASSERT_EQ(brain_create("private-course").status, 201);
    ASSERT_EQ(admin("POST", "/api/courses/distribution/" + id + "/unpublish").status, 200);
    for (const char* slug : {"private-course", "outlined-course"}) {
        const std::string path = std::string("/api/courses/public/") + slug;
        EXPECT_EQ(visit("GET", path).status, 404) << path;
        EXPECT_EQ(visit("GET", path + "/outline").status, 404) << path;
        EXPECT_EQ(visit("POST", path + "/track-enrollment").status, 404) << path;
    }
}

TEST_P(BrainRoutesTest, ASecondCreateWithTheSameSlugAnswers400) {
    ASSERT_EQ(brain_create("taken-slug").status, 201);
    const auto second = brain_create("taken-slug", {{"course_id", "another_course"}});
    EXPECT_EQ(second.status, 400) << second.body;
    EXPECT_EQ(second.header("content-type"), "application/problem+json");
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions?limit=100").body)
                  .at("items")
                  .as_array()
                  .size(),
              1u);
}

TEST_P(BrainRoutesTest, InvalidSlugTooManyKeywordsAndAnUnknownCtaActionEachAnswer422) {
    const auto bad_slug = brain_create("Not A Slug");
    EXPECT_EQ(bad_slug.status, 422);
    EXPECT_THAT(error_fields(bad_slug), ElementsAre("slug"));

    auto seo = kSeo;
    json::array keywords;
    for (int i = 0; i < 11; ++i) keywords.emplace_back("keyword-" + std::to_string(i));
    seo["keywords"] = keywords;
    const auto many_keywords = brain_create("many-keywords", {{"seo", seo}});
    EXPECT_EQ(many_keywords.status, 422);
    EXPECT_THAT(error_fields(many_keywords), ElementsAre("seo.keywords"));

    auto cta = kCta;
    cta["action"] = "teleport";
    const auto unknown_action = brain_create("unknown-action", {{"cta", cta}});
    EXPECT_EQ(unknown_action.status, 422);
    EXPECT_THAT(error_fields(unknown_action), ElementsAre("cta.action"));

    // All at once: every field named in one answer.
    const auto all = brain_create("Not A Slug", {{"seo", seo}, {"cta", cta}});
    EXPECT_EQ(all.status, 422);
    EXPECT_THAT(error_fields(all),
                UnorderedElementsAreArray({"slug", "seo.keywords", "cta.action"}));
    EXPECT_TRUE(
        parse_object(admin("GET", "/api/distributions").body).at("items").as_array().empty());
}

TEST_P(BrainRoutesTest, AMicroNicheVariantGetsTheRequestedSlug) {
    const auto parent = published_course("banking-basics");
    const auto response = admin_json("POST", "/api/courses/distribution/micro-niche",
                                     micro_niche_body(parent, "bankalternativen-fuer-rentner"));
    ASSERT_EQ(response.status, 201) << response.body;
    const auto body = parse_object(response.body);
    EXPECT_EQ(body.at("slug"), "bankalternativen-fuer-rentner");
    const std::string id(body.at("distribution_id").as_string());
    const auto variant = parse_object(admin("GET", "/api/distributions/" + id).body);
    EXPECT_EQ(variant.at("derived_from"), json::value(parent));
    EXPECT_EQ(variant.at("title"), "Bankalternativen für Rentner");
    EXPECT_EQ(variant.at("language"), "de");
    EXPECT_EQ(variant.at("target_group"), json::array{"rentner"});

    // Published, its public detail names the parent's slug.
    ASSERT_EQ(admin("POST", "/api/courses/distribution/" + id + "/publish").status, 200);
    const auto detail = parse_object(
        visit("GET", "/api/courses/public/" + std::string(body.at("slug").as_string())).body);
    EXPECT_EQ(detail.at("derived_from_slug"), "banking-basics");

    // The same slug again: taken (400, as for create); an invalid override: 422 under BRAiN's name.
    EXPECT_EQ(admin_json("POST", "/api/courses/distribution/micro-niche",
                         micro_niche_body(parent, "bankalternativen-fuer-rentner"))
                  .status,
              400);
    auto short_title = micro_niche_body(parent, "short-title-niche");
    short_title["derived_content"].as_object()["title_override"] = "Short";
    const auto invalid = admin_json("POST", "/api/courses/distribution/micro-niche", short_title);
    EXPECT_EQ(invalid.status, 422);
    EXPECT_THAT(error_fields(invalid), ElementsAre("derived_content.title_override"));
}

TEST_P(BrainRoutesTest, AVersionBumpGoesFromV1ToV2) {
    const auto created = brain_create("versioned-course");
    ASSERT_EQ(created.status, 201);
    const std::string id(parse_object(created.body).at("distribution_id").as_string());
    const auto bump = admin("POST", "/api/courses/distribution/" + id + "/version-bump");
    ASSERT_EQ(bump.status, 200) << bump.body;
    const auto body = parse_object(bump.body);
    EXPECT_EQ(body.at("distribution_id"), json::value(id));
    EXPECT_EQ(body.at("old_version"), "v1");
    EXPECT_EQ(body.at("new_version"), "v2");
    EXPECT_EQ(body.at("message"), "Version bumped from v1 to v2");
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions/" + id).body).at("version"), "v2");
}

TEST_P(BrainRoutesTest, TrackEnrollmentThenTheDetailShowsTheClick) {
    const auto id = published_course("tracked-course");
    const auto track = visit("POST", "/api/courses/public/tracked-course/track-enrollment");
    ASSERT_EQ(track.status, 200) << track.body;
    const auto body = parse_object(track.body);
    EXPECT_EQ(body.at("slug"), "tracked-course");
    EXPECT_EQ(body.at("tracked"), true);
    EXPECT_EQ(stored(id, "enrollment_count"), 1);
    const auto detail = parse_object(visit("GET", "/api/courses/public/tracked-course").body);
    EXPECT_EQ(detail.at("enrollment_count"), 1);
}

TEST_P(BrainRoutesTest, TwoDetailReadsTheSecondShowsAHigherViewCount) {
    const auto id = published_course("viewed-course");
    const auto first = visit("GET", "/api/courses/public/viewed-course");
    const auto second = visit("GET", "/api/courses/public/viewed-course",
                              {{"Referer", "https://www.google.com/search?q=banking"}});
    ASSERT_EQ(first.status, 200);
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(parse_object(first.body).at("view_count"), 1);
    EXPECT_EQ(parse_object(second.body).at("view_count"), 2);
    EXPECT_EQ(second.header("cache-control"), "no-store");
    EXPECT_EQ(stored(id, "view_count"), 2);
    // Each view in its referrer's category, as the landing page derives it.
    EXPECT_THAT(viewed_referrers(), ElementsAre("direct", "organic_search"));
    // Reading the outline or the list counts nothing.
    visit("GET", "/api/courses/public/viewed-course/outline");
    visit("GET", "/api/courses/public");
    EXPECT_EQ(stored(id, "view_count"), 2);
}

// The counting rules (spec/analytics.md) on BRAiN's counting routes: served alike, not counted.
TEST_P(BrainRoutesTest, CrawlersAndPrefetchesAreAnsweredButNotCounted) {
    const auto id = published_course("crawled-course");
    const std::string path = "/api/courses/public/crawled-course";
    const auto crawled = client_->request(
        "GET", path, {}, {{"User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1)"}});
    ASSERT_EQ(crawled.status, 200);
    EXPECT_EQ(parse_object(crawled.body).at("view_count"), 0);
    const auto prefetched = visit("GET", path + "/page", {{"Sec-Purpose", "prefetch"}});
    EXPECT_EQ(prefetched.status, 200);
    EXPECT_EQ(prefetched.header("content-type"), "text/html; charset=utf-8");
    const auto anonymous =
        client_->request("POST", path + "/track-enrollment", {}, {{"User-Agent", ""}});
    ASSERT_EQ(anonymous.status, 200);
    EXPECT_EQ(parse_object(anonymous.body).at("tracked"), true);
    EXPECT_EQ(stored(id, "view_count"), 0);
    EXPECT_EQ(stored(id, "enrollment_count"), 0);
    EXPECT_EQ(uncounted_metric("view", "crawler"), 1);
    EXPECT_EQ(uncounted_metric("view", "prefetch"), 1);
    EXPECT_EQ(uncounted_metric("click", "no_user_agent"), 1);
    // Unknown courses stay 404 whether or not the request would count.
    EXPECT_EQ(client_
                  ->request("POST", "/api/courses/public/nothing-here/track-enrollment", {},
                            {{"User-Agent", ""}})
                  .status,
              404);
}

TEST_P(BrainRoutesTest, ThePageHasTitleDescriptionMetaDescriptionOgTitleAndJsonLd) {
    const auto id = published_course("landing-course");
    const auto page = visit("GET", "/api/courses/public/landing-course/page");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
    const auto tags = html_start_tags(page.body);
    const std::string meta_title(kSeo.at("meta_title").as_string());
    EXPECT_EQ(element_text(page.body, "title"), meta_title);
    EXPECT_EQ(element_text(page.body, "h1"), "Banking alternatives: landing-course");
    EXPECT_THAT(page.body, HasSubstr(long_description("banking alternatives")));
    EXPECT_EQ(meta_content(tags, "description"),
              std::string(kSeo.at("meta_description").as_string()));
    EXPECT_EQ(meta_content(tags, "og:title"), meta_title);
    const auto scripts = script_contents(page.body, "application/ld+json");
    ASSERT_EQ(scripts.size(), 1u);
    const auto course = parse_json(scripts[0]).as_object();
    EXPECT_EQ(course.at("@type"), "Course");
    EXPECT_EQ(course.at("name"), "Banking alternatives: landing-course");
    EXPECT_EQ(stored(id, "view_count"), 1);  // counted like /courses/{slug}
}

INSTANTIATE_TEST_SUITE_P(Backends, BrainRoutesTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
