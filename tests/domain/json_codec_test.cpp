// JSON shapes of the model: the admin CourseDistribution, the public shapes without internal
// ids, and the lenient decoders of the service's own stored JSON.

#include "domain/json_codec.hpp"

#include "sample_distribution.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::domain {
namespace {

namespace json = boost::json;
using testing::full_distribution;

TEST(DistributionJson, HasEveryFieldOfTheModel) {
    auto o = to_json(full_distribution()).as_object();
    for (const char* key : {"distribution_id",
                            "course_id",
                            "slug",
                            "language",
                            "title",
                            "description",
                            "target_group",
                            "version",
                            "derived_from",
                            "seo",
                            "cta",
                            "visibility",
                            "published_at",
                            "staging_url",
                            "staging_deployed_at",
                            "outline",
                            "view_count",
                            "enrollment_count",
                            "created_at",
                            "updated_at"})
        EXPECT_TRUE(o.contains(key)) << key;
    EXPECT_EQ(o.size(), 20u);
    EXPECT_EQ(o.at("visibility"), "public");
    EXPECT_EQ(o.at("published_at"), 1'800'000'100.5);
    EXPECT_EQ(o.at("cta"), (json::object{{"label", "Jetzt starten"},
                                         {"action", "custom"},
                                         {"url", "https://example.org/start"}}));
}

TEST(DistributionJson, UnsetOptionalsAreNull) {
    Distribution d;
    auto o = to_json(d).as_object();
    for (const char* key : {"derived_from", "published_at", "staging_url", "staging_deployed_at"})
        EXPECT_TRUE(o.at(key).is_null()) << key;
    EXPECT_TRUE(o.at("seo").at("og_image_url").is_null());
    EXPECT_TRUE(o.at("cta").at("url").is_null());
}

TEST(PublicJson, ListItemAndDetailHaveNoInternalIds) {
    auto d = full_distribution();
    auto item = to_public_list_item(d).as_object();
    EXPECT_EQ(item.size(), 9u);
    auto detail = to_public_detail(d, std::string("python")).as_object();
    EXPECT_EQ(detail.size(), 13u);
    for (const auto* o : {&item, &detail}) {
        EXPECT_FALSE(o->contains("distribution_id"));
        EXPECT_FALSE(o->contains("course_id"));
        EXPECT_FALSE(o->contains("derived_from"));
        EXPECT_FALSE(o->contains("staging_url"));
        EXPECT_EQ(o->at("slug"), "python-basics");
        EXPECT_EQ(o->at("view_count"), 12);
    }
    EXPECT_EQ(detail.at("derived_from_slug"), "python");
    EXPECT_EQ(detail.at("seo"), to_json(d.seo));
    EXPECT_EQ(detail.at("updated_at"), d.updated_at);
    EXPECT_TRUE(to_public_detail(d, std::nullopt).at("derived_from_slug").is_null());
}

TEST(PublicJson, OutlineAddsTheSums) {
    auto o = to_public_outline(full_distribution()).as_object();
    EXPECT_EQ(o.at("slug"), "python-basics");
    EXPECT_EQ(o.at("version"), "v3");
    EXPECT_EQ(o.at("total_chapters"), 5);
    EXPECT_EQ(o.at("total_duration_minutes"), 75);
    EXPECT_EQ(o.at("modules").as_array().size(), 2u);
    EXPECT_EQ(o.at("prerequisites"), (json::array{"Neugier"}));
    EXPECT_FALSE(o.contains("distribution_id"));
}

TEST(StoredJson, NestedObjectsRoundTrip) {
    auto d = full_distribution();
    EXPECT_EQ(seo_from_json(to_json(d.seo)), d.seo);
    EXPECT_EQ(cta_from_json(to_json(d.cta)), d.cta);
    EXPECT_EQ(outline_from_json(to_json(d.outline)), d.outline);
    EXPECT_EQ(strings_from_json(to_json(d.target_group)), d.target_group);
}

TEST(StoredJson, MissingOrMistypedMembersFallBackInsteadOfThrowing) {
    EXPECT_EQ(seo_from_json(json::value(nullptr)), Seo{});
    EXPECT_EQ(cta_from_json(json::parse(R"({"action":"nope","label":5})")), Cta{});
    EXPECT_EQ(strings_from_json(json::parse(R"(["a",1,"b",null])")),
              (std::vector<std::string>{"a", "b"}));
    auto outline = outline_from_json(
        json::parse(R"({"modules":[{"module_id":"m","chapter_count":2.0},7],"prerequisites":3})"));
    ASSERT_EQ(outline.modules.size(), 2u);
    EXPECT_EQ(outline.modules[0], (Module{"m", "", "", 2, 0}));
    EXPECT_EQ(outline.modules[1], Module{});
    EXPECT_TRUE(outline.prerequisites.empty());
}

TEST(ChangelogJson, VersionTextAndTime) {
    EXPECT_EQ(to_json(ChangelogEntry{"v2", std::nullopt, 12.5}),
              (json::object{{"version", "v2"}, {"changelog", nullptr}, {"bumped_at", 12.5}}));
}

}  // namespace
}  // namespace coursedist::domain
