// EventIngest (issue 4): consumed events applied exactly once against a real SQLite store.

#include "service/event_ingest.hpp"

#include "domain/variant.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::service {
namespace {

namespace json = boost::json;
using storage::testing::TempDir;

constexpr const char* kGermanDescription =
    "Ein Kurs über Größen und Übermaße, der Anfängern Schritt für Schritt alles erklärt.";

json::object generation_completed(const std::string& course_id, json::object extra = {}) {
    json::object payload{{"course_id", course_id},
                         {"title", "Größe & Übermaß für Anfänger"},
                         {"description", kGermanDescription},
                         {"language", "de"},
                         {"target_audiences", json::array{"anfaenger", "schueler"}},
                         {"unknown_extra", "ignored"}};
    for (auto& [k, v] : extra) payload[k] = v;
    return json::object{{"id", "6f1c1c52-7a4b-4d1e-9a57-3b2f6b0f7c11"},
                        {"type", "course.generation.completed"},
                        {"source", "course_factory"},
                        {"target", nullptr},
                        {"timestamp", "2026-11-27T10:00:00"},
                        {"payload", payload},
                        {"meta", json::object{{"schema_version", "1.0"}}}};
}

json::object deployed_staging(const std::string& course_id, json::object extra = {}) {
    json::object payload{{"course_id", course_id},
                         {"staging_url", "https://staging.example.org/courses/c1"}};
    for (auto& [k, v] : extra) payload[k] = v;
    return json::object{{"id", "0d5f0a1e-1111-4c3b-8d2a-6f3b3c2d1e0f"},
                        {"type", "course.deployed.staging"},
                        {"source", "course_factory"},
                        {"timestamp", "2026-11-27T12:30:00"},
                        {"payload", payload}};
}

IngestKey key(const std::string& message_id) {
    return IngestKey{"brain:events:stream", message_id};
}

class EventIngestTest : public ::testing::Test {
  protected:
    EventIngestTest()
        : store(storage::open_sqlite_store(dir.file("db.sqlite"), 2)),
          service((store->migrate(), *store), metrics, [] { return 1'800'000'000.0; }),
          ingest(service) {}

    std::vector<storage::OutboxEvent> outbox() {
        auto tx = store->begin_read();
        return tx->outbox_after(0, 1000);
    }
    std::vector<domain::Distribution> of_course(const std::string& course_id) {
        auto tx = store->begin_read();
        return tx->find_by_course(course_id);
    }

    TempDir dir;
    std::unique_ptr<storage::Store> store;
    Metrics metrics;
    DistributionService service;
    EventIngest ingest;
};

TEST_F(EventIngestTest, GenerationCompletedCreatesAPrivateDistribution) {
    json::array modules{json::object{{"id", "m1"},
                                     {"title", "Grundlagen"},
                                     {"chapters", json::array{1, 2, 3}},
                                     {"duration_minutes", 45}},
                        json::object{{"module_id", "m2"},
                                     {"title", "Praxis"},
                                     {"description", "Übungen"},
                                     {"chapter_count", 2},
                                     {"estimated_duration_minutes", 30.4}}};
    auto outcome = ingest.apply(generation_completed("c1", {{"modules", modules}}), key("1-0"));

    ASSERT_EQ(outcome.status, IngestStatus::Applied);
    ASSERT_EQ(outcome.created.size(), 1u);
    auto d = service.get(outcome.created.front());
    EXPECT_EQ(d.slug, "groesse-uebermass-fuer-anfaenger");
    EXPECT_EQ(d.visibility, domain::Visibility::Private);
    EXPECT_EQ(d.target_group, (std::vector<std::string>{"anfaenger", "schueler"}));
    EXPECT_EQ(d.cta.label, "Jetzt starten");
    EXPECT_EQ(d.seo.meta_title, "Größe & Übermaß für Anfänger");
    ASSERT_EQ(d.outline.modules.size(), 2u);
    EXPECT_EQ(d.outline.modules[0].module_id, "m1");
    EXPECT_EQ(d.outline.modules[0].chapter_count, 3);
    EXPECT_EQ(d.outline.modules[0].estimated_duration_minutes, 45);
    EXPECT_EQ(d.outline.modules[1].description, "Übungen");
    EXPECT_EQ(d.outline.modules[1].estimated_duration_minutes, 30);

    auto events = outbox();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].event_type, "distribution.created");
    // The produced event carries the consumed one's id as correlation id.
    EXPECT_NE(events[0].envelope_json.find("6f1c1c52-7a4b-4d1e-9a57-3b2f6b0f7c11"),
              std::string::npos);
}

TEST_F(EventIngestTest, OutlineShapeIsTakenOver) {
    json::object outline{
        {"modules", json::array{json::object{{"module_id", "intro"}, {"title", "Einführung"}}}},
        {"prerequisites", json::array{"Neugier"}},
        {"learning_outcomes", json::array{"Größen schätzen"}}};
    auto outcome = ingest.apply(generation_completed("c1", {{"outline", outline}}), key("1-0"));
    ASSERT_EQ(outcome.status, IngestStatus::Applied);
    auto d = service.get(outcome.created.at(0));
    ASSERT_EQ(d.outline.modules.size(), 1u);
    EXPECT_EQ(d.outline.prerequisites, (std::vector<std::string>{"Neugier"}));
    EXPECT_EQ(d.outline.learning_outcomes, (std::vector<std::string>{"Größen schätzen"}));
}

TEST_F(EventIngestTest, TheSameMessageTwiceIsAppliedOnce) {
    ASSERT_EQ(ingest.apply(generation_completed("c1"), key("1-0")).status, IngestStatus::Applied);
    auto again = ingest.apply(generation_completed("c1"), key("1-0"));
    EXPECT_EQ(again.status, IngestStatus::AlreadyProcessed);
    EXPECT_EQ(of_course("c1").size(), 1u);
    EXPECT_EQ(outbox().size(), 1u);
}

TEST_F(EventIngestTest, ASecondEventForTheSameCourseCreatesNothing) {
    ASSERT_EQ(ingest.apply(generation_completed("c1"), key("1-0")).status, IngestStatus::Applied);
    auto second = ingest.apply(generation_completed("c1"), key("2-0"));
    EXPECT_EQ(second.status, IngestStatus::Applied);
    EXPECT_TRUE(second.created.empty());
    EXPECT_EQ(of_course("c1").size(), 1u);
    EXPECT_EQ(outbox().size(), 1u);
}

TEST_F(EventIngestTest, ATakenSlugGetsASuffix) {
    ASSERT_EQ(ingest.apply(generation_completed("c1"), key("1-0")).status, IngestStatus::Applied);
    auto other = ingest.apply(generation_completed("c2"), key("2-0"));
    ASSERT_EQ(other.created.size(), 1u);
    EXPECT_EQ(service.get(other.created[0]).slug, "groesse-uebermass-fuer-anfaenger-2");
}

TEST_F(EventIngestTest, MissingFieldsAreAPermanentErrorRecordedOnce) {
    auto event = generation_completed("c1");
    event["payload"].as_object().erase("description");
    event["payload"].as_object().erase("target_audiences");
    auto outcome = ingest.apply(event, key("1-0"));
    ASSERT_EQ(outcome.status, IngestStatus::PermanentError);
    EXPECT_EQ(outcome.errors,
              (domain::FieldErrors{{"payload.description", "field required"},
                                   {"payload.target_audiences", "field required"}}));
    EXPECT_TRUE(of_course("c1").empty());
    // The dedup row holds the error: a redelivery is a no-op.
    EXPECT_EQ(ingest.apply(event, key("1-0")).status, IngestStatus::AlreadyProcessed);
}

TEST_F(EventIngestTest, AnHttpRejectionIsNotRemembered) {
    auto event = generation_completed("c1", {{"description", "too short"}});
    IngestKey http{"http", "6f1c1c52", false};
    EXPECT_EQ(ingest.apply(event, http).status, IngestStatus::PermanentError);
    EXPECT_EQ(ingest.apply(generation_completed("c1"), http).status, IngestStatus::Applied);
}

TEST_F(EventIngestTest, ValuesThatCannotFormADistributionAreRefused) {
    auto outcome = ingest.apply(
        generation_completed("c1", {{"title", "Kurz"}, {"target_audiences", json::array{""}}}),
        key("1-0"));
    ASSERT_EQ(outcome.status, IngestStatus::PermanentError);
    bool names_title = false, names_audience = false;
    for (const auto& e : outcome.errors) {
        names_title = names_title || e.field == "payload.title";
        names_audience = names_audience || e.field == "payload.target_audiences[0]";
    }
    EXPECT_TRUE(names_title);
    EXPECT_TRUE(names_audience);
    EXPECT_TRUE(outbox().empty());
}

TEST_F(EventIngestTest, StagingDeploymentUpdatesEveryDistributionOfTheCourse) {
    auto created = ingest.apply(generation_completed("c1"), key("1-0")).created.at(0);
    domain::VariantRequest variant;
    variant.target_group = {"lehrer"};
    auto child = service.create_variant(created, variant, RequestContext{}).distribution_id;

    auto outcome = ingest.apply(
        deployed_staging("c1", {{"deployed_at", "2026-11-27T11:00:00+01:00"}}), key("2-0"));
    ASSERT_EQ(outcome.status, IngestStatus::Applied);
    EXPECT_EQ(outcome.updated.size(), 2u);
    for (const auto& id : {created, child}) {
        auto d = service.get(id);
        EXPECT_EQ(d.staging_url, "https://staging.example.org/courses/c1");
        EXPECT_EQ(d.staging_deployed_at, "2026-11-27T10:00:00.000000Z");
    }
    auto before = outbox().size();
    // The same deployment announced again changes nothing: no distribution.updated.
    auto repeated =
        ingest.apply(deployed_staging("c1", {{"deployed_at", "2026-11-27T10:00:00"}}), key("3-0"));
    EXPECT_EQ(repeated.status, IngestStatus::Applied);
    EXPECT_TRUE(repeated.updated.empty());
    EXPECT_EQ(outbox().size(), before);
}

TEST_F(EventIngestTest, StagingWithoutDeployedAtUsesTheEventTimestampAsUtc) {
    auto created = ingest.apply(generation_completed("c1"), key("1-0")).created.at(0);
    ingest.apply(deployed_staging("c1"), key("2-0"));
    EXPECT_EQ(service.get(created).staging_deployed_at, "2026-11-27T12:30:00.000000Z");
    auto events = outbox();
    EXPECT_EQ(events.back().event_type, "distribution.updated");
}

TEST_F(EventIngestTest, StagingNeedsAnAbsoluteUrl) {
    auto outcome = ingest.apply(deployed_staging("c1", {{"staging_url", "/relative"}}), key("1-0"));
    ASSERT_EQ(outcome.status, IngestStatus::PermanentError);
    EXPECT_EQ(outcome.errors.at(0).field, "payload.staging_url");
}

TEST_F(EventIngestTest, OtherTypesAreIgnoredWithoutADedupRow) {
    auto event = generation_completed("c1");
    event["type"] = "distribution.viewed";
    EXPECT_EQ(ingest.apply(event, key("1-0")).status, IngestStatus::Ignored);
    EXPECT_EQ(ingest.apply(generation_completed("c1"), key("1-0")).status, IngestStatus::Applied);
}

TEST_F(EventIngestTest, AnUndecodableEnvelopeIsRecordedAsRejected) {
    auto outcome = ingest.reject(key("1-0"), "", "", {{"payload", "must be a JSON object"}});
    EXPECT_EQ(outcome.status, IngestStatus::PermanentError);
    EXPECT_EQ(ingest.reject(key("1-0"), "", "", {}).status, IngestStatus::AlreadyProcessed);
}

TEST_F(EventIngestTest, ABusyDatabaseIsTransientAndNothingIsRecorded) {
    // A second store on the same file stands for another process holding the write lock.
    auto other = storage::open_sqlite_store(dir.file("db.sqlite"), storage::SqliteOptions{1, 50});
    Metrics other_metrics;
    DistributionService blocked_service(*other, other_metrics);
    EventIngest blocked(blocked_service);
    {
        auto lock = store->begin_write();
        EXPECT_THROW(blocked.apply(generation_completed("c1"), key("1-0")),
                     storage::StorageUnavailable);
    }
    EXPECT_EQ(blocked.apply(generation_completed("c1"), key("1-0")).status, IngestStatus::Applied);
}

TEST_F(EventIngestTest, MetricsCountConsumedAndDuplicates) {
    ingest.apply(generation_completed("c1"), key("1-0"));
    ingest.apply(generation_completed("c1"), key("1-0"));
    auto text = metrics.render();
    EXPECT_NE(text.find("coursedist_events_consumed_total{type=\"course.generation.completed\"} 1"),
              std::string::npos);
    EXPECT_NE(text.find("coursedist_events_duplicates_total 1"), std::string::npos);
}

}  // namespace
}  // namespace coursedist::service
