// Black-box: PostgreSQL goes away under load and comes back (issue 5). Clients keep clicking
// through the outage; while the database is down the service answers 503 problem+json (no hang,
// no crash); once it is back the same process serves again, and every click it acknowledged with
// 200 is counted. The test runs its own cluster, since it stops it.

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

constexpr int kClickers = 4;
// Enough answers in each phase to be sure the load spans it; counts, not durations.
constexpr long kAcknowledgedBeforeOutage = 100;
constexpr long kRefusedDuringOutage = 40;
constexpr long kAcknowledgedAfterRecovery = 100;

// Clickers that keep clicking one distribution until stopped, and what they were answered.
class ClickLoad {
  public:
    ClickLoad(const ServiceProcess& service, std::string id)
        : service_(service), id_(std::move(id)) {
        for (int i = 0; i < kClickers; ++i)
            threads_.emplace_back([this] { click_until_stopped(); });
    }
    ~ClickLoad() { stop(); }

    void stop() {
        stopping_ = true;
        for (auto& thread : threads_)
            if (thread.joinable()) thread.join();
    }
    long acknowledged() const { return acknowledged_; }
    long refused() const { return refused_; }
    // Answers that are neither 200 nor 503 problem+json, and requests without an answer.
    std::vector<std::string> unexpected() {
        std::lock_guard lock(mutex_);
        return unexpected_;
    }

  private:
    void click_until_stopped() {
        HttpClient client(service_.port());
        const std::string target = "/api/distributions/" + id_ + "/track-click";
        while (!stopping_) {
            try {
                auto response =
                    client.request("POST", target, {}, {{"Authorization", service_.auth_header()}});
                if (response.status == 200) {
                    ++acknowledged_;
                } else if (response.status == 503 &&
                           response.header("content-type") == "application/problem+json") {
                    ++refused_;
                } else {
                    record(std::to_string(response.status) + " " + response.body);
                }
            } catch (const std::exception& e) {
                record(std::string("no answer: ") + e.what());
            }
        }
    }
    void record(std::string what) {
        std::lock_guard lock(mutex_);
        unexpected_.push_back(std::move(what));
    }

    const ServiceProcess& service_;
    std::string id_;
    std::atomic<bool> stopping_{false};
    std::atomic<long> acknowledged_{0};
    std::atomic<long> refused_{0};
    std::mutex mutex_;
    std::vector<std::string> unexpected_;
    std::vector<std::thread> threads_;
};

// Commits whose outcome the service could not learn (the connection died during COMMIT): it
// answers them 503 like any outage, yet they may have been applied.
long commits_in_doubt(const std::string& service_output) {
    long found = 0;
    const std::string marker = "commit outcome unknown";
    for (auto at = service_output.find(marker); at != std::string::npos;
         at = service_output.find(marker, at + marker.size()))
        ++found;
    return found;
}

TEST(PostgresOutageTest, RequestsAre503DuringTheOutageAndNoAcknowledgedClickIsLost) {
    // Declared first, destroyed last: the database is dropped while the cluster still runs.
    PostgresCluster cluster;
    ScratchPostgresDatabase database(cluster.admin_uri());
    ServiceOptions options;
    options.database = database.uri();
    ServiceProcess service(options);
    HttpClient client(service.port());
    const std::vector<std::pair<std::string, std::string>> auth{
        {"Authorization", service.auth_header()}, {"Content-Type", "application/json"}};
    json::object course{{"course_id", "course-outage"},
                        {"language", "en"},
                        {"title", "Course clicked through an outage"},
                        {"description", long_description("outages")}};
    auto created =
        client.request("POST", "/api/distributions/create", json::serialize(course), auth);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id(parse_object(created.body).at("distribution_id").as_string());

    ClickLoad load(service, id);
    ASSERT_TRUE(eventually([&] { return load.acknowledged() >= kAcknowledgedBeforeOutage; }));

    cluster.stop();
    const long refused_before = load.refused();
    EXPECT_TRUE(
        eventually([&] { return load.refused() >= refused_before + kRefusedDuringOutage; }));

    cluster.start();
    const long acknowledged_before_recovery = load.acknowledged();
    EXPECT_TRUE(eventually([&] {
        return load.acknowledged() >= acknowledged_before_recovery + kAcknowledgedAfterRecovery;
    }));
    load.stop();

    EXPECT_THAT(load.unexpected(), ::testing::IsEmpty());
    auto detail = client.request("GET", "/api/distributions/" + id, {}, auth);
    ASSERT_EQ(detail.status, 200) << detail.body;
    const auto counted = parse_object(detail.body).at("enrollment_count").to_number<long>();
    const long in_doubt = commits_in_doubt(service.output());
    EXPECT_GE(counted, load.acknowledged());
    // Beyond the acknowledged clicks only commits in doubt may have been applied; with none in
    // doubt the two bounds make the count exactly the number of 200s.
    EXPECT_LE(counted, load.acknowledged() + in_doubt);
    // The same process served throughout.
    EXPECT_EQ(client.request("GET", "/readyz").status, 200);
}

}  // namespace
}  // namespace coursedist::testing
