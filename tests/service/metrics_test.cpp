// Metrics in the Prometheus text format: request counts and the latency histogram, labelled
// counters with their HELP/TYPE, escaping, and gauges read at render time.

#include "service/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace coursedist::service {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Metrics, RequestsByRouteMethodAndStatus) {
    Metrics m;
    m.observe_request("/api/distributions/{id}", "GET", 200, 0.002);
    m.observe_request("/api/distributions/{id}", "GET", 200, 0.02);
    m.observe_request("/api/distributions/{id}", "GET", 404, 0.0001);
    auto text = m.render();
    EXPECT_THAT(text, HasSubstr("# TYPE coursedist_http_requests_total counter\n"));
    EXPECT_THAT(text, HasSubstr("coursedist_http_requests_total{route=\"/api/distributions/{id}\","
                                "method=\"GET\",status=\"200\"} 2\n"));
    EXPECT_THAT(text, HasSubstr("status=\"404\"} 1\n"));
}

TEST(Metrics, TheLatencyHistogramIsCumulative) {
    Metrics m;
    m.observe_request("/x", "GET", 200, 0.000244140625);  // 2^-12: sums stay exact
    m.observe_request("/x", "GET", 200, 0.00390625);
    m.observe_request("/x", "GET", 200, 10);
    auto text = m.render();
    const std::string bucket = "coursedist_http_request_duration_seconds_bucket{route=\"/x\",le=";
    EXPECT_THAT(text, HasSubstr(bucket + "\"0.00050000000000000001\"} 1\n"));
    EXPECT_THAT(text, HasSubstr(bucket + "\"0.0050000000000000001\"} 2\n"));
    EXPECT_THAT(text, HasSubstr(bucket + "\"2.5\"} 2\n"));
    EXPECT_THAT(text, HasSubstr(bucket + "\"+Inf\"} 3\n"));
    EXPECT_THAT(text,
                HasSubstr("coursedist_http_request_duration_seconds_count{route=\"/x\"} 3\n"));
    EXPECT_THAT(
        text,
        HasSubstr("coursedist_http_request_duration_seconds_sum{route=\"/x\"} 10.004150390625\n"));
}

TEST(Metrics, CountersWithAndWithoutLabels) {
    Metrics m;
    m.describe("coursedist_events_produced_total", "Events committed to the outbox, by type.");
    m.describe("coursedist_nothing_yet_total", "Never incremented.");
    m.increment("coursedist_events_produced_total", "type", "distribution.viewed");
    m.increment("coursedist_events_produced_total", "type", "distribution.viewed", 2);
    m.increment("coursedist_plain_total");
    auto text = m.render();
    EXPECT_THAT(text, HasSubstr("# HELP coursedist_events_produced_total Events committed to the "
                                "outbox, by type.\n# TYPE coursedist_events_produced_total "
                                "counter\n"));
    EXPECT_THAT(text,
                HasSubstr("coursedist_events_produced_total{type=\"distribution.viewed\"} 3\n"));
    // A described counter shows before its first increment; an undescribed one has no HELP.
    EXPECT_THAT(text, HasSubstr("\ncoursedist_nothing_yet_total 0\n"));
    EXPECT_THAT(text, HasSubstr("\ncoursedist_plain_total 1\n"));
    EXPECT_THAT(text, Not(HasSubstr("# HELP coursedist_plain_total")));
}

TEST(Metrics, CountersWithSeveralLabels) {
    Metrics m;
    m.increment("coursedist_uncounted_total", {{"kind", "view"}, {"reason", "crawler"}});
    m.increment("coursedist_uncounted_total", {{"kind", "view"}, {"reason", "crawler"}});
    m.increment("coursedist_uncounted_total", {{"kind", "click"}, {"reason", "head"}}, 0);
    auto text = m.render();
    EXPECT_THAT(text,
                HasSubstr("coursedist_uncounted_total{kind=\"view\",reason=\"crawler\"} 2\n"));
    EXPECT_THAT(text, HasSubstr("coursedist_uncounted_total{kind=\"click\",reason=\"head\"} 0\n"));
}

TEST(Metrics, LabelValuesAreEscaped) {
    Metrics m;
    m.increment("c_total", "type", "a\"b\\c\nd");
    EXPECT_THAT(m.render(), HasSubstr("c_total{type=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(Metrics, GaugesAreReadWhenRenderedAndAFailingOneShowsMinusOne) {
    Metrics m;
    double backlog = 3;
    m.add_gauge("coursedist_outbox_backlog", "Unpublished outbox rows.", [&] { return backlog; });
    m.add_gauge("coursedist_broken", "Throws.", []() -> double { throw std::runtime_error("x"); });
    EXPECT_THAT(m.render(), HasSubstr("# TYPE coursedist_outbox_backlog gauge\n"
                                      "coursedist_outbox_backlog 3\n"));
    backlog = 7;
    auto text = m.render();
    EXPECT_THAT(text, HasSubstr("coursedist_outbox_backlog 7\n"));
    EXPECT_THAT(text, HasSubstr("coursedist_broken -1\n"));
}

}  // namespace
}  // namespace coursedist::service
