// The produced events' payloads and envelope (SPEC section 4): times ISO-8601 UTC with Z,
// distribution.updated naming only changed fields, the envelope's meta and optional keys.

#include "domain/events.hpp"

#include "domain/distribution_fields.hpp"
#include "domain/json_codec.hpp"

#include "sample_distribution.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <functional>
#include <map>
#include <set>
#include <string>

namespace coursedist::domain {
namespace {

namespace json = boost::json;
using testing::full_distribution;

TEST(Iso8601Utc, MicrosecondsAndZ) {
    EXPECT_EQ(iso8601_utc(0), "1970-01-01T00:00:00.000000Z");
    EXPECT_EQ(iso8601_utc(1'800'000'000.25), "2027-01-15T08:00:00.250000Z");
    EXPECT_EQ(iso8601_utc(1'795'780'800.000001), "2026-11-27T12:00:00.000001Z");
    // Rounding up to a whole second carries into the seconds instead of printing 1000000.
    EXPECT_EQ(iso8601_utc(1'795'780'800.9999999), "2026-11-27T12:00:01.000000Z");
    EXPECT_EQ(iso8601_utc(1'798'761'599.0), "2026-12-31T23:59:59.000000Z");
}

TEST(MakeEnvelope, FillsMetaAndCarriesTheCorrelationId) {
    auto e = make_envelope("distribution.created", json::object{{"a", 1}}, "id-1", 1'800'000'000.0,
                           std::string("req-9"));
    EXPECT_EQ(e.id, "id-1");
    EXPECT_EQ(e.type, "distribution.created");
    EXPECT_EQ(e.source, "course_distribution");
    EXPECT_EQ(e.target, std::nullopt);
    EXPECT_EQ(e.timestamp, "2027-01-15T08:00:00.000000Z");
    EXPECT_EQ(e.correlation_id, "req-9");
    EXPECT_EQ(e.meta, (json::object{{"schema_version", "1.0"},
                                    {"producer", "course_distribution"},
                                    {"source_module", "course_distribution"},
                                    {"correlation_id", "req-9"}}));

    auto without = make_envelope("distribution.created", {}, "id-2", 0, std::nullopt);
    EXPECT_FALSE(without.meta.contains("correlation_id"));
}

TEST(EnvelopeJson, TargetIsNullForABroadcastAndUnsetOptionalsAreLeftOut) {
    auto e =
        make_envelope("distribution.deleted", json::object{{"x", "y"}}, "id-1", 0, std::nullopt);
    auto o = to_json(e);
    EXPECT_TRUE(o.at("target").is_null());
    EXPECT_EQ(o.at("payload"), (json::object{{"x", "y"}}));
    EXPECT_EQ(o.at("source"), "course_distribution");
    for (const char* key :
         {"mission_id", "task_id", "correlation_id", "tenant_id", "actor_id", "severity"})
        EXPECT_FALSE(o.contains(key)) << key;

    e.target = "brain";
    e.tenant_id = "t1";
    e.severity = "info";
    o = to_json(e);
    EXPECT_EQ(o.at("target"), "brain");
    EXPECT_EQ(o.at("tenant_id"), "t1");
    EXPECT_EQ(o.at("severity"), "info");
}

TEST(CreatedPayload, TheFieldsOfTheSpec) {
    auto d = full_distribution();
    EXPECT_EQ(created_payload(d),
              (json::object{{"distribution_id", "dist_0123456789abcdef"},
                            {"course_id", "course-42"},
                            {"slug", "python-basics"},
                            {"language", "de"},
                            {"title", "Python für Anfänger"},
                            {"target_group", json::array{"studierende", "lehrer"}},
                            {"visibility", "public"},
                            {"version", "v3"},
                            {"derived_from", "dist_fedcba9876543210"},
                            {"created_at", "2027-01-15T08:00:00.250000Z"}}));
}

TEST(UpdatedPayload, NothingChangedIsNoPayload) {
    auto d = full_distribution();
    EXPECT_EQ(updated_payload(d, d), std::nullopt);
    // Fields outside the event's scope (timestamps, counters) are not changes of their own.
    auto later = d;
    later.updated_at += 10;
    later.view_count += 1;
    EXPECT_EQ(updated_payload(d, later), std::nullopt);
}

TEST(UpdatedPayload, NamesOnlyTheChangedFieldsWithOldAndNewValues) {
    auto before = full_distribution();
    auto after = before;
    after.title = "Python für Fortgeschrittene";
    after.cta.label = "Los geht's";
    after.staging_url = std::nullopt;
    after.updated_at = 1'800'000'300.0;

    auto payload = updated_payload(before, after);
    ASSERT_TRUE(payload);
    EXPECT_EQ(payload->at("distribution_id"), "dist_0123456789abcdef");
    EXPECT_EQ(payload->at("updated_fields"), (json::array{"title", "cta", "staging_url"}));
    EXPECT_EQ(payload->at("old_values").at("title"), "Python für Anfänger");
    EXPECT_EQ(payload->at("new_values").at("title"), "Python für Fortgeschrittene");
    EXPECT_EQ(payload->at("old_values").at("cta").at("label"), "Jetzt starten");
    EXPECT_EQ(payload->at("new_values").at("cta").at("label"), "Los geht's");
    EXPECT_EQ(payload->at("old_values").at("staging_url"), "https://staging.example.org/python");
    EXPECT_TRUE(payload->at("new_values").at("staging_url").is_null());
    EXPECT_EQ(payload->at("old_values").as_object().size(), 3u);
    EXPECT_EQ(payload->at("updated_at"), "2027-01-15T08:05:00.000000Z");
}

TEST(UpdatedPayload, EveryWritableFieldIsCompared) {
    auto before = full_distribution();
    auto after = before;
    after.slug = "python-neu";
    after.language = "en";
    after.title = "Python for beginners";
    after.description += " Neu.";
    after.target_group.push_back("eltern");
    after.seo.keywords.clear();
    after.cta.action = CtaAction::Contact;
    after.outline.modules.pop_back();
    after.visibility = Visibility::Unlisted;
    after.staging_url = "https://staging.example.org/neu";
    after.staging_deployed_at = "2027-01-16T07:00:00.000000Z";
    auto payload = updated_payload(before, after);
    ASSERT_TRUE(payload);
    EXPECT_EQ(payload->at("updated_fields"),
              (json::array{"slug", "language", "title", "description", "target_group", "seo", "cta",
                           "visibility", "staging_url", "staging_deployed_at", "outline"}));
    EXPECT_EQ(payload->at("new_values").at("visibility"), "unlisted");
}

TEST(DeletedPayload, NamesWhoDeletedIt) {
    EXPECT_EQ(deleted_payload(full_distribution(), 1'800'000'000.0, "admin"),
              (json::object{{"distribution_id", "dist_0123456789abcdef"},
                            {"slug", "python-basics"},
                            {"course_id", "course-42"},
                            {"deleted_at", "2027-01-15T08:00:00.000000Z"},
                            {"deleted_by", "admin"}}));
}

TEST(PublishedPayload, CarriesTheSeoAsMetaFields) {
    auto d = full_distribution();
    auto p = published_payload(d);
    EXPECT_EQ(p.at("seo"),
              (json::object{{"meta_title", "Python für Anfänger"},
                            {"meta_description", d.seo.meta_description},
                            {"meta_keywords", json::array{"python", "programmieren"}}}));
    EXPECT_EQ(p.at("published_at"), "2027-01-15T08:01:40.500000Z");
    EXPECT_EQ(p.at("visibility"), "public");
    EXPECT_EQ(p.at("title"), "Python für Anfänger");
    EXPECT_EQ(p.at("target_group"), (json::array{"studierende", "lehrer"}));
    EXPECT_EQ(p.size(), 9u);
}

TEST(UnpublishedPayload, CarriesTheReason) {
    EXPECT_EQ(unpublished_payload(full_distribution(), 1'800'000'000.0, "visibility_changed"),
              (json::object{{"distribution_id", "dist_0123456789abcdef"},
                            {"slug", "python-basics"},
                            {"unpublished_at", "2027-01-15T08:00:00.000000Z"},
                            {"reason", "visibility_changed"}}));
}

TEST(CounterPayloads, TotalAfterTheLastCountHowManyItCoversAndANullableDetail) {
    EXPECT_EQ(viewed_payload("dist_0123456789abcdef", "python-basics", 7, 0, std::nullopt, 3),
              (json::object{{"distribution_id", "dist_0123456789abcdef"},
                            {"slug", "python-basics"},
                            {"view_count", 7},
                            {"viewed_at", "1970-01-01T00:00:00.000000Z"},
                            {"referrer_category", nullptr},
                            {"count", 3}}));
    EXPECT_EQ(enrollment_clicked_payload("dist_0123456789abcdef", "python-basics", 2, 0,
                                         std::string("contact"), 1),
              (json::object{{"distribution_id", "dist_0123456789abcdef"},
                            {"slug", "python-basics"},
                            {"enrollment_count", 2},
                            {"clicked_at", "1970-01-01T00:00:00.000000Z"},
                            {"cta_type", "contact"},
                            {"count", 1}}));
}

TEST(MicroNicheCreatedPayload, NamesParentAndChild) {
    auto parent = full_distribution();
    auto child = parent;
    child.distribution_id = "dist_1111111111111111";
    child.slug = "python-basics-eltern";
    child.target_group = {"eltern"};
    child.created_at = 1'800'000'000.0;
    EXPECT_EQ(micro_niche_created_payload(parent, child, std::nullopt),
              (json::object{{"child_distribution_id", "dist_1111111111111111"},
                            {"parent_distribution_id", "dist_0123456789abcdef"},
                            {"parent_slug", "python-basics"},
                            {"child_slug", "python-basics-eltern"},
                            {"target_group_override", json::array{"eltern"}},
                            {"title_override", nullptr},
                            {"created_at", "2027-01-15T08:00:00.000000Z"}}));
}

TEST(VersionBumpedPayload, OldAndNewVersion) {
    auto d = full_distribution();
    d.version = "v4";
    EXPECT_EQ(version_bumped_payload(d, "v3", 1'800'000'000.0, std::nullopt),
              (json::object{{"distribution_id", "dist_0123456789abcdef"},
                            {"slug", "python-basics"},
                            {"old_version", "v3"},
                            {"new_version", "v4"},
                            {"bumped_at", "2027-01-15T08:00:00.000000Z"},
                            {"changelog", nullptr}}));
}

// The updated diff over the field table: each field alone, and the fields it leaves out.
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
