// Black-box tests of the admin API (SPEC section 3, issue 2): the real binary on a fresh database.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <algorithm>

namespace coursedist::testing {
namespace {

using ::testing::Contains;
using ::testing::IsSupersetOf;
namespace json = boost::json;

class AdminApiTest : public ApiTest {};

TEST_P(AdminApiTest, CreateReturnsTheFullDistributionWithDefaults) {
    auto response = admin_json("POST", "/api/distributions/create",
                               {{"course_id", "course_1"},
                                {"language", "de"},
                                {"title", "Größe & Übermaß für Anfänger"},
                                {"description", long_description("Passungen")}});
    ASSERT_EQ(response.status, 201) << response.body;
    auto d = parse_object(response.body);
    EXPECT_EQ(d.at("slug"), "groesse-uebermass-fuer-anfaenger");
    EXPECT_EQ(response.header("location"),
              "/api/distributions/" + std::string(d.at("distribution_id").as_string()));
    EXPECT_TRUE(response.header("etag").has_value());
    EXPECT_EQ(d.at("visibility"), "private");
    EXPECT_EQ(d.at("version"), "v1");
    EXPECT_EQ(d.at("cta").at("label"), "Jetzt starten");
    EXPECT_EQ(d.at("cta").at("action"), "open_course");
    EXPECT_EQ(d.at("seo").at("meta_title"), "Größe & Übermaß für Anfänger");
    EXPECT_EQ(d.at("target_group"), json::array{});
    EXPECT_TRUE(d.at("published_at").is_null());
    EXPECT_EQ(d.at("view_count"), 0);

    auto second = admin_json("POST", "/api/distributions/create",
                             {{"course_id", "course_2"},
                              {"language", "de"},
                              {"title", "Größe & Übermaß für Anfänger"},
                              {"description", long_description("Passungen")}});
    ASSERT_EQ(second.status, 201);
    EXPECT_EQ(parse_object(second.body).at("slug"), "groesse-uebermass-fuer-anfaenger-2");
}

TEST_P(AdminApiTest, CreateReportsEveryFailingField) {
    auto response = admin_json("POST", "/api/distributions/create",
                               {{"course_id", ""},
                                {"language", "german"},
                                {"title", "Short"},
                                {"description", "too short"},
                                {"seo", {{"meta_title", "x"}, {"meta_description", "y"}}},
                                {"cta", {{"label", "Go"}, {"action", "custom"}}}});
    ASSERT_EQ(response.status, 422) << response.body;
    EXPECT_EQ(response.header("content-type"), "application/problem+json");
    EXPECT_THAT(error_fields(response),
                IsSupersetOf({"course_id", "language", "title", "description", "seo.meta_title",
                              "seo.meta_description", "cta.label", "cta.url"}));
    auto problem = parse_object(response.body);
    EXPECT_EQ(problem.at("status"), 422);
    EXPECT_TRUE(problem.contains("type") && problem.contains("title") &&
                problem.contains("detail"));
}

// The defect of issue 12: an enum error in decoding hid every other failing field.
TEST_P(AdminApiTest, AnUnknownCtaActionHidesNoOtherFailingField) {
    auto response = admin_json(
        "POST", "/api/distributions/create",
        {{"course_id", "c-enum"},
         {"slug", "Not A Slug"},
         {"language", "german"},
         {"title", "Short"},
         {"description", long_description("enum errors")},
         {"seo", {{"meta_title", "Short"}, {"meta_description", long_description("enum errors")}}},
         {"cta", {{"label", "Jetzt starten"}, {"action", "nope"}}}});
    ASSERT_EQ(response.status, 422) << response.body;
    auto fields = error_fields(response);
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"cta.action", "language", "seo.meta_title", "slug",
                                                "title"}))
        << response.body;
}

TEST_P(AdminApiTest, WrongTypeUnknownFieldBadEnumAndBrokenRuleComeInOneAnswer) {
    auto response = admin_json("POST", "/api/distributions/create",
                               {{"course_id", "c-kinds"},
                                {"language", "de"},
                                {"title", "Short"},
                                {"description", 42},
                                {"colour", "blue"},
                                {"cta", {{"label", "Jetzt starten"}, {"action", "nope"}}}});
    ASSERT_EQ(response.status, 422) << response.body;
    auto fields = error_fields(response);
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"colour", "cta.action", "description", "title"}))
        << response.body;
}

TEST_P(AdminApiTest, CreateRefusesUnknownFieldsMissingFieldsAndWrongTypes) {
    auto unknown = admin_json("POST", "/api/distributions/create",
                              {{"course_id", "c"},
                               {"language", "en"},
                               {"title", "A fine title here"},
                               {"description", long_description("x")},
                               {"colour", "red"}});
    EXPECT_EQ(unknown.status, 422);
    EXPECT_THAT(error_fields(unknown), Contains("colour"));

    auto missing = admin_json("POST", "/api/distributions/create", json::object{{"title", 5}});
    EXPECT_EQ(missing.status, 422);
    EXPECT_THAT(error_fields(missing),
                IsSupersetOf({"course_id", "language", "title", "description"}));
}

TEST_P(AdminApiTest, MalformedBodiesGet400And415And413) {
    EXPECT_EQ(admin("POST", "/api/distributions/create", "{\"title\": ").status, 400);
    auto not_json = client_->request("POST", "/api/distributions/create", "title=x",
                                     {{"Authorization", service_->auth_header()},
                                      {"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(not_json.status, 415);
    std::string huge = "{\"title\": \"" + std::string(1024 * 1024 + 10, 'a') + "\"}";
    EXPECT_EQ(admin("POST", "/api/distributions/create", huge).status, 413);
}

TEST_P(AdminApiTest, EveryAdminRouteRefusesMissingOrWrongTokens) {
    auto d = create_course("Token protected course");
    std::string id(d.at("distribution_id").as_string());
    const std::vector<std::pair<std::string, std::string>> routes = {
        {"POST", "/api/distributions/create"},
        {"GET", "/api/distributions"},
        {"GET", "/api/distributions/" + id},
        {"PUT", "/api/distributions/" + id},
        {"DELETE", "/api/distributions/" + id},
        {"POST", "/api/distributions/" + id + "/publish"},
        {"POST", "/api/distributions/" + id + "/unpublish"},
        {"POST", "/api/distributions/" + id + "/log-view"},
        {"POST", "/api/distributions/" + id + "/track-click"},
        {"POST", "/api/distributions/" + id + "/variants"},
        {"GET", "/api/distributions/" + id + "/variants"},
        {"POST", "/api/distributions/" + id + "/version-bump"},
        {"GET", "/api/distributions/" + id + "/changelog"},
    };
    for (const auto& [method, target] : routes) {
        auto none = client_->request(method, target);
        EXPECT_EQ(none.status, 401) << method << " " << target;
        EXPECT_EQ(none.header("www-authenticate"), "Bearer realm=\"coursedist\"");
        auto wrong =
            client_->request(method, target, {}, {{"Authorization", "Bearer not-the-admin-token"}});
        EXPECT_EQ(wrong.status, 401) << method << " " << target;
        EXPECT_EQ(wrong.body.find("not-the-admin-token"), std::string::npos);
    }
    // Nothing changed through any refused call.
    EXPECT_EQ(admin("GET", "/api/distributions/" + id).status, 200);
}

TEST_P(AdminApiTest, GetByIdHasStrongEtagAndUpdateHonoursIfMatch) {
    auto d = create_course("Updatable course title");
    std::string id(d.at("distribution_id").as_string());
    auto got = admin("GET", "/api/distributions/" + id);
    ASSERT_EQ(got.status, 200);
    auto etag = *got.header("etag");
    EXPECT_FALSE(etag.starts_with("W/"));

    auto stale = admin_json("PUT", "/api/distributions/" + id, {{"title", "A brand new title"}},
                            {{"If-Match", "\"0000000000000000\""}});
    EXPECT_EQ(stale.status, 412);

    auto fresh = admin_json("PUT", "/api/distributions/" + id,
                            {{"title", "A brand new title"}, {"target_group", {"teachers"}}},
                            {{"If-Match", etag}});
    ASSERT_EQ(fresh.status, 200) << fresh.body;
    auto updated = parse_object(fresh.body);
    EXPECT_EQ(updated.at("title"), "A brand new title");
    EXPECT_EQ(updated.at("target_group"), json::array{"teachers"});
    EXPECT_EQ(updated.at("description"), d.at("description"));  // untouched
    EXPECT_NE(*fresh.header("etag"), etag);

    // The old ETag no longer matches.
    EXPECT_EQ(admin_json("PUT", "/api/distributions/" + id, {{"title", "Yet another title"}},
                         {{"If-Match", etag}})
                  .status,
              412);
}

TEST_P(AdminApiTest, UpdateRefusesReadOnlyFieldsPublicVisibilityAndTakenSlugs) {
    auto a = create_course("First course with slug");
    auto b = create_course("Second course with slug");
    std::string id(b.at("distribution_id").as_string());
    auto read_only = admin_json("PUT", "/api/distributions/" + id,
                                {{"view_count", 99}, {"course_id", "x"}, {"version", "v7"}});
    EXPECT_EQ(read_only.status, 422);
    EXPECT_THAT(error_fields(read_only), IsSupersetOf({"view_count", "course_id", "version"}));
    EXPECT_EQ(admin_json("PUT", "/api/distributions/" + id, {{"visibility", "public"}}).status,
              422);
    EXPECT_EQ(admin_json("PUT", "/api/distributions/" + id, {{"slug", a.at("slug")}}).status, 409);
    EXPECT_EQ(admin_json("PUT", "/api/distributions/" + id, {{"slug", "catalog"}}).status, 422);
    auto unlisted = admin_json("PUT", "/api/distributions/" + id, {{"visibility", "unlisted"}});
    ASSERT_EQ(unlisted.status, 200);
    EXPECT_EQ(parse_object(unlisted.body).at("visibility"), "unlisted");
    EXPECT_EQ(
        admin_json("PUT", "/api/distributions/dist_0000000000000000", {{"title", "Whatever title"}})
            .status,
        404);
}

TEST_P(AdminApiTest, ExplicitSlugConflictsAre409) {
    create_course("Some course title", {{"slug", "my-course"}});
    auto again = admin_json("POST", "/api/distributions/create",
                            {{"course_id", "c2"},
                             {"language", "en"},
                             {"title", "Other course title"},
                             {"description", long_description("y")},
                             {"slug", "my-course"}});
    EXPECT_EQ(again.status, 409);
}

TEST_P(AdminApiTest, PublishAndUnpublishAreIdempotentAndKeepPublishedAt) {
    auto d = create_course("Course to publish now");
    std::string id(d.at("distribution_id").as_string());
    auto first = publish(id);
    EXPECT_EQ(first.at("visibility"), "public");
    EXPECT_TRUE(first.at("published_at").is_double());
    EXPECT_EQ(first.at("distribution_id"), json::value(id));
    auto second = publish(id);
    EXPECT_EQ(second.at("published_at"), first.at("published_at"));

    auto down = admin("POST", "/api/distributions/" + id + "/unpublish");
    ASSERT_EQ(down.status, 200);
    auto unpublished = parse_object(down.body);
    EXPECT_EQ(unpublished.at("visibility"), "private");
    EXPECT_EQ(unpublished.at("published_at"), first.at("published_at"));
    EXPECT_EQ(admin("POST", "/api/distributions/" + id + "/unpublish").status, 200);
    EXPECT_EQ(admin("POST", "/api/distributions/dist_0000000000000000/publish").status, 404);
}

TEST_P(AdminApiTest, CountersCountAndValidateTheirBodies) {
    auto d = create_course("Course with counters");
    std::string id(d.at("distribution_id").as_string());
    auto view = admin_json("POST", "/api/distributions/" + id + "/log-view",
                           {{"referrer_category", "organic_search"}});
    ASSERT_EQ(view.status, 200);
    EXPECT_EQ(parse_object(view.body).at("view_count"), 1);
    EXPECT_EQ(
        parse_object(admin("POST", "/api/distributions/" + id + "/log-view").body).at("view_count"),
        2);
    EXPECT_EQ(admin_json("POST", "/api/distributions/" + id + "/log-view",
                         {{"referrer_category", "spam"}})
                  .status,
              422);
    auto click = admin_json("POST", "/api/distributions/" + id + "/track-click",
                            {{"cta_type", "hero_button"}});
    ASSERT_EQ(click.status, 200);
    EXPECT_EQ(parse_object(click.body).at("enrollment_count"), 1);
    EXPECT_EQ(admin("POST", "/api/distributions/dist_0000000000000000/track-click").status, 404);
}

TEST_P(AdminApiTest, VariantsDeriveFromTheirParentAndBlockItsDeletion) {
    json::object outline{{"modules",
                          {{{"module_id", "m1"},
                            {"title", "Basics"},
                            {"description", ""},
                            {"chapter_count", 2},
                            {"estimated_duration_minutes", 20}},
                           {{"module_id", "m2"},
                            {"title", "Advanced"},
                            {"description", ""},
                            {"chapter_count", 3},
                            {"estimated_duration_minutes", 40}}}},
                         {"prerequisites", json::array{}},
                         {"learning_outcomes", {"Budget"}}};
    auto parent = create_course("Personal finance basics",
                                {{"outline", outline}, {"slug", "finance-basics"}});
    std::string parent_id(parent.at("distribution_id").as_string());
    admin("POST", "/api/distributions/" + parent_id + "/version-bump");

    auto response = admin_json("POST", "/api/distributions/" + parent_id + "/variants",
                               {{"target_group", {"young_parents"}}, {"module_filters", {"m2"}}});
    ASSERT_EQ(response.status, 201) << response.body;
    auto child = parse_object(response.body);
    EXPECT_EQ(child.at("slug"), "finance-basics-young-parents");
    EXPECT_EQ(child.at("derived_from"), json::value(parent_id));
    EXPECT_EQ(child.at("course_id"), parent.at("course_id"));
    EXPECT_EQ(child.at("version"), "v2");
    EXPECT_EQ(child.at("outline").at("modules").as_array().size(), 1u);
    EXPECT_EQ(child.at("outline").at("modules").at(0).at("module_id"), "m2");

    auto again = admin_json("POST", "/api/distributions/" + parent_id + "/variants",
                            {{"target_group", {"young_parents"}}});
    ASSERT_EQ(again.status, 201);
    EXPECT_EQ(parse_object(again.body).at("slug"), "finance-basics-young-parents-2");

    auto listed = parse_json(admin("GET", "/api/distributions/" + parent_id + "/variants").body);
    EXPECT_EQ(listed.as_array().size(), 2u);

    EXPECT_EQ(admin("DELETE", "/api/distributions/" + parent_id).status, 409);
    EXPECT_EQ(admin("DELETE",
                    "/api/distributions/" + std::string(child.at("distribution_id").as_string()))
                  .status,
              204);
    EXPECT_EQ(
        admin("DELETE", "/api/distributions/" +
                            std::string(parse_object(again.body).at("distribution_id").as_string()))
            .status,
        204);
    EXPECT_EQ(admin("DELETE", "/api/distributions/" + parent_id).status, 204);
    EXPECT_EQ(admin("GET", "/api/distributions/" + parent_id).status, 404);
    EXPECT_EQ(admin("DELETE", "/api/distributions/" + parent_id).status, 404);
}

TEST_P(AdminApiTest, VersionBumpRecordsTheChangelog) {
    auto d = create_course("Versioned course title");
    std::string id(d.at("distribution_id").as_string());
    auto bump = admin_json("POST", "/api/distributions/" + id + "/version-bump",
                           {{"changelog", "Neue Übungen"}});
    ASSERT_EQ(bump.status, 200);
    auto body = parse_object(bump.body);
    EXPECT_EQ(body.at("old_version"), "v1");
    EXPECT_EQ(body.at("new_version"), "v2");
    admin("POST", "/api/distributions/" + id + "/version-bump");
    auto log = parse_json(admin("GET", "/api/distributions/" + id + "/changelog").body).as_array();
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log.at(0).at("version"), "v2");
    EXPECT_EQ(log.at(0).at("changelog"), "Neue Übungen");
    EXPECT_EQ(log.at(1).at("version"), "v3");
    EXPECT_TRUE(log.at(1).at("changelog").is_null());
}

TEST_P(AdminApiTest, AdminListShowsEveryVisibilityWithFilters) {
    auto a = create_course("Private listed course");
    auto b = create_course("Public listed course");
    publish(std::string(b.at("distribution_id").as_string()));
    auto all = parse_object(admin("GET", "/api/distributions").body);
    EXPECT_EQ(all.at("items").as_array().size(), 2u);
    auto only_private = parse_object(admin("GET", "/api/distributions?visibility=private").body);
    ASSERT_EQ(only_private.at("items").as_array().size(), 1u);
    EXPECT_EQ(only_private.at("items").at(0).at("distribution_id"), a.at("distribution_id"));
    EXPECT_EQ(admin("GET", "/api/distributions?visibility=secret").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminApiTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
