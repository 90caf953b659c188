// Black-box tests of operations, protocol details and exact counters (issue 2).

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <thread>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

class OpsTest : public ApiTest {};

TEST_P(OpsTest, HealthReadinessAndSeedCompatibleHealth) {
    EXPECT_EQ(get("/healthz").status, 200);
    EXPECT_EQ(get("/livez").status, 200);
    auto ready = get("/readyz");
    ASSERT_EQ(ready.status, 200);
    EXPECT_EQ(parse_object(ready.body).at("checks").at("storage"), "ok");

    auto d = create_course("Counted public course");
    publish(std::string(d.at("distribution_id").as_string()));
    auto health = parse_object(get("/api/distributions/health").body);
    EXPECT_EQ(health.at("name"), "course_distribution");
    EXPECT_EQ(health.at("status"), "healthy");
    EXPECT_EQ(health.at("public_courses_count"), 1);
    EXPECT_TRUE(health.contains("version"));
}

TEST_P(OpsTest, MetricsCountRequestsByRouteAndStatus) {
    get("/api/distributions/catalog");
    get("/api/distributions/no-such-course");
    create_course("Course for metrics");
    auto metrics = get("/metrics");
    ASSERT_EQ(metrics.status, 200);
    EXPECT_THAT(*metrics.header("content-type"), HasSubstr("text/plain"));
    EXPECT_THAT(metrics.body, HasSubstr("coursedist_http_requests_total{route=\"/api/distributions/"
                                        "catalog\",method=\"GET\",status=\"200\"} 1"));
    EXPECT_THAT(metrics.body, HasSubstr("status=\"404\""));
    EXPECT_THAT(metrics.body, HasSubstr("coursedist_http_request_duration_seconds_bucket"));
    EXPECT_THAT(metrics.body,
                HasSubstr("coursedist_events_produced_total{type=\"distribution.created\"} 1"));
}

TEST_P(OpsTest, OpenApiDescribesEveryRoute) {
    auto response = get("/openapi.json");
    ASSERT_EQ(response.status, 200);
    auto doc = parse_object(response.body);
    EXPECT_TRUE(std::string(doc.at("openapi").as_string()).starts_with("3."));
    const auto& paths = doc.at("paths").as_object();
    for (const char* path :
         {"/api/distributions/catalog", "/api/distributions/create", "/api/distributions",
          "/api/distributions/{id}", "/api/distributions/{slug}/outline",
          "/api/distributions/{id}/publish", "/api/distributions/{id}/unpublish",
          "/api/distributions/{id}/log-view", "/api/distributions/{id}/track-click",
          "/api/distributions/{id}/variants", "/api/distributions/{id}/version-bump",
          "/api/distributions/{id}/changelog", "/api/distributions/health", "/healthz", "/readyz",
          "/metrics"})
        EXPECT_TRUE(paths.contains(path)) << path;
    EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains("CourseDistribution"));
}

TEST_P(OpsTest, EveryResponseCarriesARequestId) {
    auto echoed = client_->get("/healthz", {{"X-Request-ID", "trace-abc.123"}});
    EXPECT_EQ(echoed.header("x-request-id"), "trace-abc.123");
    for (const auto& response : {get("/nope"), get("/api/distributions/nope-nope"),
                                 client_->request("POST", "/api/distributions/create")}) {
        auto id = response.header("x-request-id");
        ASSERT_TRUE(id);
        EXPECT_FALSE(id->empty());
    }
    auto unsafe = client_->get("/healthz", {{"X-Request-ID", "bad id with spaces"}});
    EXPECT_NE(unsafe.header("x-request-id"), "bad id with spaces");
}

TEST_P(OpsTest, UnknownRoutesAre404AndWrongMethods405) {
    EXPECT_EQ(get("/api/nothing").status, 404);
    auto wrong = client_->request("POST", "/healthz");
    EXPECT_EQ(wrong.status, 405);
    EXPECT_TRUE(wrong.header("allow").has_value());
}

TEST_P(OpsTest, ThousandConcurrentClicksFrom32ConnectionsCountExactly) {
    auto d = create_course("Course under click load");
    std::string id(d.at("distribution_id").as_string());
    constexpr int kConnections = 32;
    constexpr int kClicks = 1000;
    std::atomic<int> next{0};
    std::atomic<int> ok{0};
    std::vector<std::thread> workers;
    for (int c = 0; c < kConnections; ++c) {
        workers.emplace_back([&] {
            HttpClient client(service_->port());
            while (next.fetch_add(1) < kClicks) {
                auto r = client.request("POST", "/api/distributions/" + id + "/track-click", {},
                                        {{"Authorization", service_->auth_header()}});
                if (r.status == 200) ok.fetch_add(1);
            }
        });
    }
    for (auto& w : workers) w.join();
    EXPECT_EQ(ok.load(), kClicks);
    auto stored = parse_object(admin("GET", "/api/distributions/" + id).body);
    EXPECT_EQ(stored.at("enrollment_count"), kClicks);
}

TEST_P(OpsTest, SigtermDrainsAndExitsZero) {
    client_.reset();
    EXPECT_EQ(service_->terminate(), 0) << service_->output();
}

INSTANTIATE_TEST_SUITE_P(Backends, OpsTest, ::testing::ValuesIn(test_backends()));

TEST(CommandLineTest, MigrateAppliesTheSchemaAndTokensOnTheCommandLineAreRefused) {
    TempDir dir;
    auto db = "sqlite:" + (dir.path() / "m.db").string();
    auto [status, output] = run_command({"migrate", "--database", db});
    EXPECT_EQ(status, 0) << output;
    EXPECT_THAT(output, HasSubstr("schema version"));
    auto [refused, advice] =
        run_command({"serve", "--database", db, "--admin-token", "secret-token-123456"});
    EXPECT_NE(refused, 0);
    EXPECT_THAT(advice, HasSubstr("COURSEDIST_ADMIN_TOKENS"));
    EXPECT_THAT(advice, ::testing::Not(HasSubstr("secret-token-123456")));
}

}  // namespace
}  // namespace coursedist::testing
