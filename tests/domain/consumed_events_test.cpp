// The two consumed payloads (SPEC section 4, "Consumed"): required fields, the course factory's
// outline shapes, lenient extras, staging timestamps, and errors under `payload.`.

#include "domain/consumed_events.hpp"

#include "domain/defaults.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::domain {
namespace {

namespace json = boost::json;
using ::testing::UnorderedElementsAre;

json::object completed(json::object extra = {}) {
    json::object payload{{"course_id", "c1"},
                         {"title", "Größe & Übermaß für Anfänger"},
                         {"description", "Ein langer Text über Größen."},
                         {"language", "de"},
                         {"target_audiences", json::array{"anfaenger"}},
                         {"unknown_extra", json::object{{"ignored", true}}}};
    for (auto& [k, v] : extra) payload[k] = v;
    return payload;
}

std::vector<std::string> fields_of(const FieldErrors& errors) {
    std::vector<std::string> fields;
    for (const auto& e : errors) fields.push_back(e.field);
    return fields;
}

TEST(GenerationCompleted, RequiredFieldsAndExtrasIgnored) {
    auto decoded = decode_generation_completed(completed());
    ASSERT_TRUE(decoded.ok()) << decoded.errors.front().field;
    EXPECT_EQ(decoded.value.course_id, "c1");
    EXPECT_EQ(decoded.value.title, "Größe & Übermaß für Anfänger");
    EXPECT_EQ(decoded.value.language, "de");
    EXPECT_EQ(decoded.value.target_audiences, (std::vector<std::string>{"anfaenger"}));
    EXPECT_EQ(decoded.value.outline, Outline{});
}

TEST(GenerationCompleted, EveryMissingOrMistypedFieldIsReported) {
    json::object payload{{"title", 42}, {"language", nullptr}, {"target_audiences", "x"}};
    auto decoded = decode_generation_completed(payload);
    EXPECT_THAT(fields_of(decoded.errors),
                UnorderedElementsAre("payload.course_id", "payload.title", "payload.description",
                                     "payload.language", "payload.target_audiences"));
}

TEST(GenerationCompleted, TheOutlineShape) {
    json::object outline{{"modules", json::array{json::object{{"module_id", "intro"},
                                                              {"title", "Einführung"},
                                                              {"chapter_count", 2},
                                                              {"estimated_duration_minutes", 15}}}},
                         {"prerequisites", json::array{"Neugier"}},
                         {"learning_outcomes", json::array{"Schätzen"}}};
    auto decoded = decode_generation_completed(completed({{"outline", outline}}));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value.outline,
              (Outline{{Module{"intro", "Einführung", "", 2, 15}}, {"Neugier"}, {"Schätzen"}}));
}

TEST(GenerationCompleted, TheFactorysBareModulesWithTheirOwnNames) {
    json::array modules{json::object{{"id", 7},
                                     {"name", "Grundlagen"},
                                     {"summary", "Erst"},
                                     {"chapters", json::array{1, 2, 3}},
                                     {"duration_minutes", 44.6}},
                        json::object{{"title", "Ohne Nummer"}}};
    auto decoded = decode_generation_completed(completed({{"modules", modules}}));
    ASSERT_TRUE(decoded.ok());
    ASSERT_EQ(decoded.value.outline.modules.size(), 2u);
    EXPECT_EQ(decoded.value.outline.modules[0], (Module{"7", "Grundlagen", "Erst", 3, 45}));
    // A module without an id is known by its position.
    EXPECT_EQ(decoded.value.outline.modules[1].module_id, "module-2");
}

TEST(GenerationCompleted, BrokenModulesAreReportedWithTheirPaths) {
    json::array modules{json::object{{"module_id", "a"}}, "not a module",
                        json::object{{"title", "T"}, {"chapter_count", 1.5}}};
    auto decoded = decode_generation_completed(completed({{"modules", modules}}));
    EXPECT_THAT(fields_of(decoded.errors),
                UnorderedElementsAre("payload.modules[0].title", "payload.modules[1]",
                                     "payload.modules[2].chapter_count"));
    auto not_an_object = decode_generation_completed(completed({{"outline", "x"}}));
    EXPECT_THAT(fields_of(not_an_object.errors), UnorderedElementsAre("payload.outline"));
}

TEST(GenerationCompleted, TheDistributionItDescribesHasTheDefaults) {
    auto event = decode_generation_completed(completed()).value;
    auto d = distribution_from(event);
    EXPECT_EQ(d.course_id, "c1");
    EXPECT_EQ(d.target_group, (std::vector<std::string>{"anfaenger"}));
    EXPECT_EQ(d.seo, default_seo(d.title, d.description));
    EXPECT_EQ(d.cta, default_cta("de"));
    EXPECT_EQ(d.visibility, Visibility::Private);
    EXPECT_EQ(d.version, "v1");
    EXPECT_TRUE(d.slug.empty());  // the service assigns it
}

TEST(PayloadErrors, TargetGroupBecomesTargetAudiences) {
    EXPECT_EQ(
        as_payload_errors({{"target_group[1]", "too long"}, {"title", "too short"}}),
        (FieldErrors{{"payload.target_audiences[1]", "too long"}, {"payload.title", "too short"}}));
}

TEST(StagingDeployed, UrlAndOptionalDeployedAt) {
    auto decoded =
        decode_staging_deployed(json::object{{"course_id", "c1"},
                                             {"staging_url", "https://staging.example.org/c1"},
                                             {"deployed_at", "2026-11-27T13:00:00+01:00"},
                                             {"extra", 1}});
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value.staging_url, "https://staging.example.org/c1");
    EXPECT_EQ(decoded.value.deployed_at, 1'795'780'800.0);

    auto without = decode_staging_deployed(
        json::object{{"course_id", "c1"}, {"staging_url", "http://staging.example.org"}});
    ASSERT_TRUE(without.ok());
    EXPECT_EQ(without.value.deployed_at, std::nullopt);
}

TEST(StagingDeployed, RefusesWhatCannotBeApplied) {
    EXPECT_THAT(fields_of(decode_staging_deployed(json::object{}).errors),
                UnorderedElementsAre("payload.course_id", "payload.staging_url"));
    EXPECT_THAT(fields_of(decode_staging_deployed(
                              json::object{{"course_id", ""}, {"staging_url", "https://x.org"}})
                              .errors),
                UnorderedElementsAre("payload.course_id"));
    EXPECT_THAT(fields_of(decode_staging_deployed(json::object{{"course_id", "c1"},
                                                               {"staging_url", "/relative"},
                                                               {"deployed_at", "yesterday"}})
                              .errors),
                UnorderedElementsAre("payload.staging_url", "payload.deployed_at"));
}

}  // namespace
}  // namespace coursedist::domain
