// Black-box tests of operations, protocol details and exact counters (issue 2).

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <cctype>
#include <set>
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

// Whom an operation of /openapi.json claims to serve, from its `security`.
enum class Claimed { Anyone, Admin, AnyoneOrAdmin };

Claimed claimed_access(const json::object& operation) {
    const auto& security = operation.at("security").as_array();
    if (security.empty()) return Claimed::Anyone;
    if (security.size() == 1) return Claimed::Admin;
    return Claimed::AnyoneOrAdmin;
}

// The path with each capture filled in: ids and slugs that name nothing, so that every call is
// routed but changes nothing.
std::string concrete(std::string path, bool id_key) {
    for (auto [capture, value] :
         {std::pair<std::string, std::string>{"{id}", "dist_0123456789abcdef"},
          {"{key}", id_key ? "dist_0123456789abcdef" : "no-such-course"},
          {"{slug}", "no-such-course"},
          {"{page}", "2"},
          {"{webhook_id}", "wh_0123456789abcdef"},
          {"{delivery_id}", "1"},
          {"{experiment_id}", "exp_0123456789abcdef"}})
        if (auto at = path.find(capture); at != std::string::npos)
            path.replace(at, capture.size(), value);
    return path;
}

// Routed: not the dispatcher's 404 for an unknown path, not a 405.
bool routed(const HttpResponse& response) {
    if (response.status == 405) return false;
    return !(response.status == 404 && response.body.find("no such resource") != std::string::npos);
}

TEST_P(OpsTest, EveryDescribedOperationIsRoutedWithTheAccessItClaims) {
    auto response = get("/openapi.json");
    ASSERT_EQ(response.status, 200);
    auto doc = parse_object(response.body);
    EXPECT_TRUE(std::string(doc.at("openapi").as_string()).starts_with("3."));
    std::set<std::string> operation_ids;
    int operations = 0;
    for (const auto& [path, item] : doc.at("paths").as_object()) {
        for (const auto& [method_lower, op] : item.as_object()) {
            const auto& operation = op.as_object();
            std::string method(method_lower);
            for (auto& c : method) c = static_cast<char>(std::toupper(c));
            ++operations;
            EXPECT_TRUE(
                operation_ids.insert(std::string(operation.at("operationId").as_string())).second);
            const auto access = claimed_access(operation);
            for (bool id_key : {true, false}) {
                const auto target = concrete(std::string(path), id_key);
                SCOPED_TRACE(method + " " + target);
                const bool admin_resource =
                    access == Claimed::Admin || (access == Claimed::AnyoneOrAdmin && id_key);
                auto anonymous =
                    client_->request(method, target, "{}", {{"Content-Type", "application/json"}});
                EXPECT_TRUE(routed(anonymous)) << anonymous.status << " " << anonymous.body;
                if (admin_resource) {
                    EXPECT_EQ(anonymous.status, 401);
                } else {
                    EXPECT_NE(anonymous.status, 401);
                }
                // With the token (an open event stream is not read to its end).
                if (admin_resource && target != "/api/events/stream") {
                    auto authorized = admin(method, target, "{}");
                    EXPECT_TRUE(routed(authorized)) << authorized.status;
                    EXPECT_NE(authorized.status, 401);
                }
            }
        }
    }
    EXPECT_GT(operations, 30);
    for (const char* schema : {"CourseDistribution", "CreateDistribution", "Problem"})
        EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains(schema)) << schema;
    ASSERT_TRUE(doc.contains("servers"));
}

TEST_P(OpsTest, TheApiDescriptionStatesTheModelsLimits) {
    auto doc = parse_object(get("/openapi.json").body);
    const auto& schemas = doc.at("components").at("schemas");
    const auto& distribution = schemas.at("CourseDistribution").at("properties");
    EXPECT_EQ(distribution.at("target_group").at("maxItems"), 20);
    EXPECT_EQ(distribution.at("target_group").at("items").at("maxLength"), 50);
    EXPECT_EQ(distribution.at("title").at("minLength"), 10);
    EXPECT_EQ(schemas.at("CourseSEO").at("properties").at("keywords").at("maxItems"), 10);
    const auto& actions = schemas.at("CourseCTA").at("properties").at("action").at("enum");
    EXPECT_EQ(actions.as_array().size(), 4u);
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

TEST(CommandLineTest, SqliteSynchronousIsFullOrNormalAndAnythingElseStopsStartUp) {
    TempDir dir;
    auto db = "sqlite:" + (dir.path() / "s.db").string();
    for (const char* accepted : {"full", "normal"}) {
        auto [status, output] =
            run_command({"migrate", "--database", db, "--sqlite-synchronous", accepted});
        EXPECT_EQ(status, 0) << accepted << ": " << output;
    }
    auto [status, output] = run_command({"serve", "--database", db, "--sqlite-synchronous", "off"});
    EXPECT_NE(status, 0);
    EXPECT_THAT(output, HasSubstr("--sqlite-synchronous"));
    EXPECT_THAT(output, HasSubstr("full or normal"));
}

TEST(CommandLineTest, DlqMaxlenMustBePositive) {
    TempDir dir;
    auto [status, output] = run_command(
        {"serve", "--database", "sqlite:" + (dir.path() / "d.db").string(), "--dlq-maxlen", "0"});
    EXPECT_NE(status, 0);
    EXPECT_THAT(output, HasSubstr("--dlq-maxlen"));
}

}  // namespace
}  // namespace coursedist::testing
