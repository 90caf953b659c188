#include "domain/events.hpp"

#include "domain/distribution_fields.hpp"
#include "domain/json_codec.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>

namespace coursedist::domain {
namespace {

namespace json = boost::json;

Distribution base() {
    Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.course_id = "course-1";
    d.slug = "python-basics";
    d.language = "de";
    d.title = "Python für Anfänger";
    d.description = std::string(60, 'd');
    d.target_group = {"Studierende"};
    d.seo.meta_title = "Meta title";
    d.seo.meta_description = std::string(70, 'm');
    d.cta.label = "Jetzt starten";
    d.visibility = Visibility::Public;
    d.created_at = 1700000000;
    d.updated_at = 1700000100;
    return d;
}

// One change per field of Distribution, keyed by the field's name in distribution_fields().
const std::map<std::string, std::function<void(Distribution&)>>& changes() {
    static const std::map<std::string, std::function<void(Distribution&)>> table{
        {"distribution_id", [](Distribution& d) { d.distribution_id = "dist_fedcba9876543210"; }},
        {"course_id", [](Distribution& d) { d.course_id = "course-2"; }},
        {"slug", [](Distribution& d) { d.slug = "python-advanced"; }},
        {"language", [](Distribution& d) { d.language = "en"; }},
        {"title", [](Distribution& d) { d.title = "Python for beginners"; }},
        {"description", [](Distribution& d) { d.description = std::string(61, 'e'); }},
        {"target_group", [](Distribution& d) { d.target_group.push_back("Freelancer"); }},
        {"version", [](Distribution& d) { d.version = "v2"; }},
        {"derived_from", [](Distribution& d) { d.derived_from = "dist_0000000000000001"; }},
        {"seo", [](Distribution& d) { d.seo.og_image_url = "https://example.com/og.png"; }},
        {"cta", [](Distribution& d) { d.cta.action = CtaAction::Contact; }},
        {"visibility", [](Distribution& d) { d.visibility = Visibility::Unlisted; }},
        {"published_at", [](Distribution& d) { d.published_at = 1700000050; }},
        {"staging_url", [](Distribution& d) { d.staging_url = "https://staging.example.com"; }},
        {"staging_deployed_at",
         [](Distribution& d) { d.staging_deployed_at = "2026-01-01T00:00:00Z"; }},
        {"outline",
         [](Distribution& d) {
             d.outline.modules.push_back(Module{"m1", "Eins", "", 1, 5});
         }},
        {"view_count", [](Distribution& d) { d.view_count = 9; }},
        {"enrollment_count", [](Distribution& d) { d.enrollment_count = 4; }},
        {"created_at", [](Distribution& d) { d.created_at = 1600000000; }},
        {"updated_at", [](Distribution& d) { d.updated_at = 1700000200; }},
    };
    return table;
}

// SPEC section 4: what an edit reports. The rest have events of their own or are not edited.
const std::set<std::string> kReported{
    "slug", "language",   "title",       "description",         "target_group", "seo",
    "cta",  "visibility", "staging_url", "staging_deployed_at", "outline"};

TEST(UpdatedPayload, EveryFieldHasAChangeInThisTest) {
    EXPECT_EQ(changes().size(), distribution_fields().size());
    for (const auto& field : distribution_fields()) {
        EXPECT_TRUE(changes().contains(std::string(field.name))) << field.name;
    }
}

TEST(UpdatedPayload, ReportsExactlyTheSpecifiedFields) {
    std::set<std::string> reported;
    for (const auto& field : distribution_fields()) {
        if (field.reported_as_updated) reported.emplace(field.name);
    }
    EXPECT_EQ(reported, kReported);
}

TEST(UpdatedPayload, NamesExactlyTheChangedFieldForEveryField) {
    const Distribution before = base();
    for (const auto& field : distribution_fields()) {
        const std::string name(field.name);
        Distribution after = before;
        changes().at(name)(after);
        ASSERT_NE(after, before) << name;
        const auto payload = updated_payload(before, after);
        if (!kReported.contains(name)) {
            EXPECT_FALSE(payload.has_value()) << name << " is not reported";
            continue;
        }
        ASSERT_TRUE(payload.has_value()) << name;
        EXPECT_EQ(payload->at("updated_fields"), (json::array{json::string(name)})) << name;
        const auto before_json = to_json(before).as_object();
        const auto after_json = to_json(after).as_object();
        EXPECT_EQ(payload->at("old_values"), (json::object{{name, before_json.at(name)}})) << name;
        EXPECT_EQ(payload->at("new_values"), (json::object{{name, after_json.at(name)}})) << name;
    }
}

TEST(UpdatedPayload, SeveralChangesAreNamedInFieldOrder) {
    const Distribution before = base();
    Distribution after = before;
    changes().at("outline")(after);
    changes().at("title")(after);
    changes().at("view_count")(after);
    changes().at("slug")(after);
    const auto payload = updated_payload(before, after);
    ASSERT_TRUE(payload.has_value());
    EXPECT_EQ(payload->at("updated_fields"), (json::array{"slug", "title", "outline"}));
    EXPECT_EQ(payload->at("old_values").as_object().size(), 3u);
    EXPECT_EQ(payload->at("new_values").at("slug"), "python-advanced");
    EXPECT_EQ(payload->at("old_values").at("title"), "Python für Anfänger");
}

TEST(UpdatedPayload, CarriesTheIdAndTheNewUpdateTime) {
    const Distribution before = base();
    Distribution after = before;
    after.title = "Another title";
    after.updated_at = 1700000200.5;
    const auto payload = updated_payload(before, after);
    ASSERT_TRUE(payload.has_value());
    EXPECT_EQ(payload->at("distribution_id").as_string(), before.distribution_id);
    EXPECT_EQ(payload->at("updated_at").as_string(), iso8601_utc(1700000200.5));
}

TEST(UpdatedPayload, NothingReportedChangedIsNoEvent) {
    EXPECT_FALSE(updated_payload(base(), base()).has_value());
}

}  // namespace
}  // namespace coursedist::domain
