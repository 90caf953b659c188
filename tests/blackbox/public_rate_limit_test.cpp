// Black-box: one client cannot inflate the public counters without bound (issue 7). Page views
// (GET /courses/{slug}) and enrollment clicks (GET /courses/{slug}/enroll) share a per-client
// token bucket; past it the service still serves them but counts nothing (issue 13; the burst
// itself is in counting_rules_test.cpp). The refill rate is set so low that no token comes back
// during the test.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

namespace coursedist::testing {
namespace {

constexpr int kBurst = 5;

class PublicRateLimitTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.env["COURSEDIST_PUBLIC_RATE_LIMIT"] = "0.0001," + std::to_string(kBurst);
    }

    // A published course; returns its (id, slug).
    std::pair<std::string, std::string> published_course() {
        auto d = create_course("Course with a rate limit");
        const std::string id(d.at("distribution_id").as_string());
        publish(id);
        return {id, std::string(d.at("slug").as_string())};
    }

    boost::json::object stored(const std::string& id) {
        return parse_object(admin("GET", "/api/distributions/" + id).body);
    }
};

TEST_P(PublicRateLimitTest, OtherRoutesAreNotLimited) {
    const auto [id, slug] = published_course();
    for (int i = 0; i <= kBurst; ++i) ASSERT_EQ(get("/courses/" + slug).status, 200);
    ASSERT_EQ(stored(id).at("view_count"), kBurst);  // the client is over its limit
    for (int i = 0; i < 3 * kBurst; ++i) {
        EXPECT_EQ(get("/api/distributions/" + slug).status, 200);
        EXPECT_EQ(get("/courses").status, 200);
        EXPECT_EQ(admin("POST", "/api/distributions/" + id + "/log-view").status, 200);
    }
}

TEST_P(PublicRateLimitTest, ClientAddressesNeverReachTheLogs) {
    const auto [id, slug] = published_course();
    for (int i = 0; i <= kBurst; ++i) get("/courses/" + slug);
    // 127.0.0.1 may appear only as the listen address (asked for and bound) announced at start-up.
    auto output = service_->output();
    for (const auto& listening :
         {"127.0.0.1:" + std::to_string(service_->port()), std::string("127.0.0.1:0")}) {
        for (auto at = output.find(listening); at != std::string::npos; at = output.find(listening))
            output.erase(at, listening.size());
    }
    EXPECT_THAT(output, ::testing::Not(::testing::HasSubstr("127.0.0.1")));
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicRateLimitTest, ::testing::ValuesIn(test_backends()));

class PublicRateLimitOffTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--public-rate-limit", "off"};
    }
};

TEST_P(PublicRateLimitOffTest, TheOffSwitchCountsEveryView) {
    auto d = create_course("Course without a rate limit");
    const std::string id(d.at("distribution_id").as_string());
    publish(id);
    const std::string slug(d.at("slug").as_string());
    for (int i = 0; i < 100; ++i) ASSERT_EQ(get("/courses/" + slug).status, 200) << i;
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions/" + id).body).at("view_count"), 100);
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicRateLimitOffTest, ::testing::ValuesIn(test_backends()));

TEST(PublicRateLimitConfigTest, AnInvalidLimitIsRefusedAtStartUp) {
    TempDir dir;
    auto [status, output] =
        run_command({"serve", "--database", "sqlite:" + (dir.path() / "r.db").string(),
                     "--public-rate-limit", "lots"});
    EXPECT_NE(status, 0);
    EXPECT_THAT(output, ::testing::HasSubstr("public-rate-limit"));
}

}  // namespace
}  // namespace coursedist::testing
