// The BRAiN EventStream wire format (SPEC section 4): what we write and what we accept reading.

#include "domain/wire_format.hpp"
#include "domain/events.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <map>

namespace coursedist::domain {
namespace {

namespace json = boost::json;

json::object sample_envelope() {
    auto e = domain::make_envelope(
        domain::event_type::kEnrollmentClicked,
        json::object{{"distribution_id", "dist_1"}, {"enrollment_count", 3}, {"cta_type", nullptr}},
        "0b7c3a52-4d0e-4c43-9a53-3f0f1f4f7a10", 1'700'000'000.25, std::string("req-7"));
    return domain::to_json(e);
}

std::map<std::string, std::string> as_map(const StreamFields& fields) {
    std::map<std::string, std::string> m;
    for (const auto& [k, v] : fields) {
        EXPECT_FALSE(m.contains(k)) << "duplicate field " << k;
        m[k] = v;
    }
    return m;
}

TEST(ToStreamFields, WritesOneFieldPerEnvelopeKeyWithBroadcastTargetAsEmptyString) {
    auto fields = as_map(to_stream_fields(sample_envelope()));
    EXPECT_EQ(fields.at("id"), "0b7c3a52-4d0e-4c43-9a53-3f0f1f4f7a10");
    EXPECT_EQ(fields.at("type"), "distribution.enrollment_clicked");
    EXPECT_EQ(fields.at("source"), "course_distribution");
    EXPECT_EQ(fields.at("target"), "");
    EXPECT_EQ(fields.at("timestamp"), "2023-11-14T22:13:20.250000Z");
    EXPECT_EQ(fields.at("correlation_id"), "req-7");
    EXPECT_EQ(fields.size(), 8u);  // id type source target payload timestamp correlation_id meta
}

TEST(ToStreamFields, EncodesObjectsAsJsonStrings) {
    auto fields = as_map(to_stream_fields(sample_envelope()));
    auto payload = json::parse(fields.at("payload")).as_object();
    EXPECT_EQ(payload.at("enrollment_count").as_int64(), 3);
    EXPECT_TRUE(payload.at("cta_type").is_null());  // nulls inside the payload stay
    auto meta = json::parse(fields.at("meta")).as_object();
    EXPECT_EQ(meta.at("schema_version").as_string(), "1.0");
    EXPECT_EQ(meta.at("correlation_id").as_string(), "req-7");
}

TEST(ToStreamFields, LeavesNullOptionalKeysOutAndKeepsASetTarget) {
    auto envelope = sample_envelope();
    envelope["tenant_id"] = nullptr;
    envelope["target"] = "course_builder";
    auto fields = as_map(to_stream_fields(envelope));
    EXPECT_FALSE(fields.contains("tenant_id"));
    EXPECT_EQ(fields.at("target"), "course_builder");
}

TEST(ToStreamFields, AddsTargetWhenTheEnvelopeHasNone) {
    auto envelope = sample_envelope();
    envelope.erase("target");
    EXPECT_EQ(as_map(to_stream_fields(envelope)).at("target"), "");
}

TEST(FromStreamFields, RoundTripsOurOwnEnvelope) {
    auto envelope = sample_envelope();
    auto decoded = from_stream_fields(to_stream_fields(envelope));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.envelope, envelope);
}

TEST(FromStreamFields, AcceptsBrainsBroadcastWithoutTargetAndNaiveTimestamp) {
    StreamFields fields{{"id", "e1"},
                        {"type", "course.generation.completed"},
                        {"source", "course_builder"},
                        {"payload", R"({"course_id":"c1"})"},
                        {"timestamp", "2025-01-02T03:04:05.678901"},
                        {"meta", R"({"schema_version":"1.0"})"}};
    auto decoded = from_stream_fields(fields);
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(decoded.envelope.at("target").is_null());
    EXPECT_EQ(decoded.envelope.at("timestamp").as_string(), "2025-01-02T03:04:05.678901Z");
    EXPECT_EQ(decoded.envelope.at("payload").as_object().at("course_id").as_string(), "c1");
}

TEST(FromStreamFields, TakesAnEmptyTargetAsBroadcastAndHonoursOffsets) {
    StreamFields fields{{"id", "e1"},      {"type", "t"},
                        {"source", "s"},   {"target", ""},
                        {"payload", "{}"}, {"timestamp", "2025-01-02T05:04:05+02:00"}};
    auto decoded = from_stream_fields(fields);
    ASSERT_TRUE(decoded.ok());
    EXPECT_TRUE(decoded.envelope.at("target").is_null());
    EXPECT_EQ(decoded.envelope.at("timestamp").as_string(), "2025-01-02T03:04:05.000000Z");
    EXPECT_FALSE(decoded.envelope.contains("meta"));
}

TEST(FromStreamFields, ReportsMissingAndMalformedRequiredKeys) {
    StreamFields fields{{"type", "t"}, {"payload", "[1]"}, {"timestamp", "yesterday"}};
    auto decoded = from_stream_fields(fields);
    ASSERT_FALSE(decoded.ok());
    std::map<std::string, std::string> errors;
    for (const auto& e : decoded.errors) errors[e.field] = e.message;
    EXPECT_EQ(errors.at("id"), "required");
    EXPECT_EQ(errors.at("source"), "required");
    EXPECT_TRUE(errors.contains("payload"));
    EXPECT_TRUE(errors.contains("timestamp"));
    EXPECT_FALSE(errors.contains("type"));
}

TEST(FromStreamFields, IgnoresKeysOutsideTheEnvelope) {
    StreamFields fields{{"id", "e1"},
                        {"type", "t"},
                        {"source", "s"},
                        {"payload", "{}"},
                        {"timestamp", "2025-01-02T03:04:05Z"},
                        {"extra", "x"}};
    auto decoded = from_stream_fields(fields);
    ASSERT_TRUE(decoded.ok());
    EXPECT_FALSE(decoded.envelope.contains("extra"));
}

}  // namespace
}  // namespace coursedist::domain
