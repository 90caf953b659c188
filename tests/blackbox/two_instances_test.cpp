// Black-box: two coursedist instances behind one load balancer share one PostgreSQL database and
// one Redis (issue 5). Both start at the same moment (migrations under the advisory lock); a
// distribution created on one is published on the other and public on both; clicks spread over
// both are all counted, each exactly once; course_factory events on the stream are shared by the
// consumer group and create one distribution each; both instances are consumers of the group.
// Views and clicks counted on both leave hourly buckets that add up to the counters, and
// coalesced events on the stream whose counts add up to them too (analytics.md).

#include "support/api_fixture.hpp"
#include "support/brain_events.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/redis_server.hpp"

#include <gmock/gmock.h>

#include <array>
#include <exception>
#include <mutex>
#include <set>
#include <thread>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

constexpr int kClicks = 600;
constexpr int kClickThreads = 6;
constexpr int kGeneratedCourses = 30;

// One instance and a client for the test's own thread.
struct Instance {
    std::unique_ptr<ServiceProcess> service;
    std::unique_ptr<HttpClient> client;

    HttpResponse admin(const std::string& method, const std::string& target,
                       const std::string& body = {}) const {
        return admin_via(*client, method, target, body);
    }
    // Through another client, for requests from other threads.
    HttpResponse admin_via(HttpClient& other, const std::string& method, const std::string& target,
                           const std::string& body = {}) const {
        std::vector<std::pair<std::string, std::string>> headers{
            {"Authorization", service->auth_header()}};
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        return other.request(method, target, body, std::move(headers));
    }
};

class TwoInstancesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!RedisServer::installed()) GTEST_SKIP() << "redis-server is not installed";
        database_ = std::make_unique<ScratchPostgresDatabase>(shared_postgres_admin_uri());
        redis_ = std::make_unique<RedisServer>();
        ServiceOptions options;
        options.database = database_->uri();
        // No reuse of public views: the other instance's writes must show at once.
        options.extra_args = {"--redis", redis_->uri(), "--public-cache-ttl-ms", "0"};
        // Both at once, so both run the migrations concurrently.
        std::array<std::exception_ptr, 2> start_failures;
        std::array<std::thread, 2> starters;
        for (std::size_t i = 0; i < instances_.size(); ++i)
            starters[i] = std::thread([this, i, options, &start_failures] {
                try {
                    instances_[i].service = std::make_unique<ServiceProcess>(options);
                } catch (...) {
                    start_failures[i] = std::current_exception();
                }
            });
        for (auto& starter : starters) starter.join();
        for (const auto& failure : start_failures)
            if (failure) std::rethrow_exception(failure);
        for (auto& instance : instances_)
            instance.client = std::make_unique<HttpClient>(instance.service->port());
    }
    void TearDown() override {
        for (auto& instance : instances_) {
            instance.client.reset();
            instance.service.reset();
        }
        redis_.reset();
        database_.reset();
    }

    std::string create_on(const Instance& instance, const std::string& title,
                          const std::string& slug) {
        json::object body{{"course_id", "course-" + slug},
                          {"language", "en"},
                          {"title", title},
                          {"slug", slug},
                          {"description", long_description(title)}};
        auto response = instance.admin("POST", "/api/distributions/create", json::serialize(body));
        EXPECT_EQ(response.status, 201) << response.body;
        return std::string(parse_object(response.body).at("distribution_id").as_string());
    }

    // Distributions (admin list, any instance) whose course_id starts with `prefix`.
    std::size_t distributions_of_courses(const std::string& prefix) {
        auto response = instances_[0].admin("GET", "/api/distributions?limit=100");
        std::size_t found = 0;
        auto page = parse_object(response.body);  // outlives the loop over its items
        for (auto& item : page.at("items").as_array())
            if (std::string_view(item.at("course_id").as_string()).starts_with(prefix)) ++found;
        return found;
    }

    std::unique_ptr<ScratchPostgresDatabase> database_;
    std::unique_ptr<RedisServer> redis_;
    std::array<Instance, 2> instances_;
};

TEST_F(TwoInstancesTest, ADistributionCreatedOnOneIsPublishedOnTheOtherAndPublicOnBoth) {
    auto id = create_on(instances_[0], "Shared course across instances", "shared-course");
    auto published = instances_[1].admin("POST", "/api/distributions/" + id + "/publish");
    ASSERT_EQ(published.status, 200) << published.body;
    for (auto& instance : instances_) {
        auto response = instance.client->get("/api/distributions/shared-course");
        ASSERT_EQ(response.status, 200) << response.body;
        EXPECT_EQ(parse_object(response.body).at("title"), "Shared course across instances");
    }
}

TEST_F(TwoInstancesTest, ClicksSpreadOverBothInstancesAreEachCountedOnce) {
    auto id = create_on(instances_[0], "Clicked on both instances", "clicked-course");
    std::mutex mutex;
    std::set<std::int64_t> counts_answered;
    std::vector<std::string> failures;
    std::vector<std::thread> clickers;
    for (int t = 0; t < kClickThreads; ++t)
        clickers.emplace_back([&, t] {
            const Instance& instance = instances_[static_cast<std::size_t>(t) % instances_.size()];
            HttpClient client(instance.service->port());
            for (int i = 0; i < kClicks / kClickThreads; ++i) {
                auto response =
                    instance.admin_via(client, "POST", "/api/distributions/" + id + "/track-click");
                std::lock_guard lock(mutex);
                if (response.status != 200) {
                    failures.push_back(std::to_string(response.status) + " " + response.body);
                    continue;
                }
                auto body = json::parse(response.body).as_object();
                counts_answered.insert(body.at("enrollment_count").to_number<std::int64_t>());
            }
        });
    for (auto& clicker : clickers) clicker.join();

    EXPECT_THAT(failures, ::testing::IsEmpty());
    // Atomic increments: every click saw its own count, 1 to 600 without gaps.
    ASSERT_EQ(counts_answered.size(), static_cast<std::size_t>(kClicks));
    EXPECT_EQ(*counts_answered.begin(), 1);
    EXPECT_EQ(*counts_answered.rbegin(), kClicks);
    for (auto& instance : instances_) {
        auto response = instance.admin("GET", "/api/distributions/" + id);
        ASSERT_EQ(response.status, 200) << response.body;
        EXPECT_EQ(parse_object(response.body).at("enrollment_count"), kClicks);
    }
}

TEST_F(TwoInstancesTest, BucketsAndEventCountsEqualTheCountersAfterConcurrentViewsAndClicks) {
    auto id = create_on(instances_[0], "Viewed and clicked on both", "viewed-clicked-course");
    constexpr int kEach = 40;
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < kClickThreads; ++t)
        writers.emplace_back([&, t] {
            const Instance& instance = instances_[static_cast<std::size_t>(t) % instances_.size()];
            HttpClient client(instance.service->port());
            const std::string category = t % 3 == 0 ? "social" : "organic_search";
            for (int i = 0; i < kEach; ++i) {
                const bool view = i % 4 != 0;
                auto response = instance.admin_via(
                    client, "POST",
                    "/api/distributions/" + id + (view ? "/log-view" : "/track-click"),
                    view ? R"({"referrer_category":")" + category + "\"}" : "{}");
                if (response.status != 200) ++failures;
            }
        });
    for (auto& writer : writers) writer.join();
    EXPECT_EQ(failures, 0);

    const auto stored = parse_object(instances_[1].admin("GET", "/api/distributions/" + id).body);
    const auto views = stored.at("view_count").as_int64();
    const auto clicks = stored.at("enrollment_count").as_int64();
    EXPECT_EQ(views + clicks, kClickThreads * kEach);
    for (auto& instance : instances_) {
        auto stats = instance.admin("GET", "/api/distributions/" + id + "/stats");
        ASSERT_EQ(stats.status, 200) << stats.body;
        const auto totals = parse_object(stats.body).at("totals").as_object();
        EXPECT_EQ(totals.at("views"), views);
        EXPECT_EQ(totals.at("clicks"), clicks);
    }

    // The stream, once the last windows closed: each event once, counts adding up.
    RedisClient redis(redis_->port());
    std::int64_t viewed = 0, clicked = 0;
    EXPECT_TRUE(eventually([&] {
        std::set<std::string> seen;
        viewed = clicked = 0;
        for (const auto& entry : redis.xrange(kBrainStream)) {
            if (!seen.insert(entry.field("id").value_or("")).second) continue;
            const auto payload = parse_object(entry.field("payload").value_or("{}"));
            if (!payload.contains("count") || payload.at("distribution_id") != json::string(id))
                continue;
            (entry.field("type") == "distribution.viewed" ? viewed : clicked) +=
                payload.at("count").as_int64();
        }
        return viewed == views && clicked == clicks;
    })) << viewed
        << " of " << views << " views, " << clicked << " of " << clicks << " clicks";
}

TEST_F(TwoInstancesTest, GenerationEventsCreateOneDistributionEachAndBothInstancesConsume) {
    RedisClient redis(redis_->port());
    for (int i = 0; i < kGeneratedCourses; ++i) {
        const std::string course = "generated-" + std::to_string(i);
        redis.xadd(kBrainStream, brain_event("course.generation.completed",
                                             generation_payload(
                                                 course, "Generierter Kurs " + std::to_string(i))));
    }
    ASSERT_TRUE(eventually([&] {
        return distributions_of_courses("generated-") ==
               static_cast<std::size_t>(kGeneratedCourses);
    }));
    // Everything acknowledged: no delivery is left that could still add a distribution.
    ASSERT_TRUE(eventually([&] { return redis.pending(kBrainStream, kConsumerGroup) == 0; }));
    EXPECT_EQ(distributions_of_courses("generated-"), static_cast<std::size_t>(kGeneratedCourses));

    std::vector<std::string> consumers;
    ASSERT_TRUE(eventually([&] {
        consumers = redis.consumers(kBrainStream, kConsumerGroup);
        return consumers.size() == instances_.size();
    })) << ::testing::PrintToString(consumers);
    EXPECT_NE(consumers[0], consumers[1]);
}

}  // namespace
}  // namespace coursedist::testing
