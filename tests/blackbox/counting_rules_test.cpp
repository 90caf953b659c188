// Black-box: the counting rules of spec/analytics.md on the landing page and the enroll link, on
// both backends. Every request is served (200 page, 302 redirect, never 429); HEAD, prefetches,
// crawlers, a missing or empty User-Agent and a client over --public-rate-limit are not counted,
// and /metrics says why (coursedist_uncounted_total{kind,reason}). One service per backend.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <map>
#include <regex>

namespace coursedist::testing {
namespace {

constexpr int kBurst = 5;  // counted requests one client may make (no token comes back meanwhile)

using Headers = std::vector<std::pair<std::string, std::string>>;
using Counts = std::pair<std::int64_t, std::int64_t>;  // view_count, enrollment_count

struct Uncounted {
    std::string reason;  // the metric label
    std::string method;
    Headers headers;
};

// One request of each rule; each is sent to the landing page and to the enroll link.
std::vector<Uncounted> uncounted_requests() {
    const std::string browser(kBrowserUserAgent);
    std::vector<Uncounted> cases{
        {"head", "HEAD", {}},
        {"no_user_agent", "GET", {{"User-Agent", ""}}},
        {"prefetch", "GET", {{"Sec-Purpose", "prefetch;prerender"}}},
        {"prefetch", "GET", {{"Sec-Purpose", "prefetch"}}},
        {"prefetch", "GET", {{"Purpose", "prefetch"}}},
        {"prefetch", "GET", {{"X-Purpose", "preview"}}},
        {"prefetch", "GET", {{"X-Moz", "prefetch"}}},
    };
    for (const char* agent :
         {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
          "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Chrome-Lighthouse",
          "Mozilla/5.0 (compatible; YandexSpider/3.0)", "UptimeRobot/2.0", "Embedly/0.2"})
        cases.push_back({"crawler", "GET", {{"User-Agent", agent}}});
    return cases;
}

class CountingRulesTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.env["COURSEDIST_PUBLIC_RATE_LIMIT"] = "0.0001," + std::to_string(kBurst);
    }

    void SetUp() override {
        ApiTest::SetUp();
        auto d = create_course("Course with counting rules");
        id_ = std::string(d.at("distribution_id").as_string());
        slug_ = std::string(d.at("slug").as_string());
        publish(id_);
    }

    Counts counts() {
        auto d = parse_object(admin("GET", "/api/distributions/" + id_).body);
        return {d.at("view_count").as_int64(), d.at("enrollment_count").as_int64()};
    }

    double uncounted_metric(const std::string& kind, const std::string& reason) {
        const auto text = get("/metrics").body;
        const std::regex line("coursedist_uncounted_total\\{kind=\"" + kind + "\",reason=\"" +
                              reason + "\"\\} ([0-9.e+]+)\n");
        std::smatch match;
        if (!std::regex_search(text, match, line)) {
            ADD_FAILURE() << "no coursedist_uncounted_total{" << kind << "," << reason << "}";
            return -1;
        }
        return std::stod(match[1]);
    }

    // Without a User-Agent header at all (the client sends one unless told otherwise).
    std::string without_user_agent(const std::string& path) {
        return client_->raw("GET " + path +
                            " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    }

    void expect_each_rule_served_alike_and_uncounted();
    void expect_burst_served_and_counted_up_to_the_limit(int tokens_left);

    std::string id_;
    std::string slug_;
};

// Each rule on both routes, after one counted view and click (two tokens of the burst).
void CountingRulesTest::expect_each_rule_served_alike_and_uncounted() {
    const auto page = "/courses/" + slug_;
    const auto enroll = page + "/enroll";
    const auto counted_view = get(page);
    const auto counted_click = get(enroll);
    ASSERT_EQ(counted_view.status, 200);
    ASSERT_EQ(counted_click.status, 302);
    ASSERT_EQ(counts(), Counts(1, 1));

    std::map<std::string, int> expected;
    for (const auto& c : uncounted_requests()) {
        SCOPED_TRACE(
            c.reason + " " + c.method +
            (c.headers.empty() ? "" : " " + c.headers[0].first + ": " + c.headers[0].second));
        const auto view = client_->request(c.method, page, {}, c.headers);
        EXPECT_EQ(view.status, 200);
        EXPECT_EQ(view.header("etag"), counted_view.header("etag"));
        EXPECT_EQ(view.header("content-type"), counted_view.header("content-type"));
        if (c.method == "GET") {
            EXPECT_THAT(view.body, ::testing::HasSubstr("Course with counting rules"));
        }
        const auto click = client_->request(c.method, enroll, {}, c.headers);
        EXPECT_EQ(click.status, 302);
        EXPECT_EQ(click.header("location"), counted_click.header("location"));
        ++expected[c.reason];
    }
    const auto missing_view = without_user_agent(page);
    EXPECT_TRUE(missing_view.starts_with("HTTP/1.1 200")) << missing_view.substr(0, 200);
    const auto missing_click = without_user_agent(enroll);
    EXPECT_TRUE(missing_click.starts_with("HTTP/1.1 302")) << missing_click.substr(0, 200);
    ++expected["no_user_agent"];

    EXPECT_EQ(counts(), Counts(1, 1));
    for (const auto& [reason, n] : expected) {
        EXPECT_EQ(uncounted_metric("view", reason), n) << reason;
        EXPECT_EQ(uncounted_metric("click", reason), n) << reason;
    }
    // None of them took a token of the client's limit: the burst is still whole but for the two
    // counted requests above.
    EXPECT_EQ(uncounted_metric("view", "rate_limited"), 0);
}

// A burst from one client, alternating views and clicks, with `tokens_left` of its burst.
void CountingRulesTest::expect_burst_served_and_counted_up_to_the_limit(int tokens_left) {
    constexpr int kRequests = 4 * kBurst;
    const auto [views_before, clicks_before] = counts();
    const auto page = "/courses/" + slug_;
    int views = 0;
    int clicks = 0;
    for (int i = 0; i < kRequests; ++i) {
        if (i % 2 == 0) {
            const auto r = get(page);
            EXPECT_EQ(r.status, 200) << i;
            EXPECT_THAT(r.body, ::testing::HasSubstr("Course with counting rules")) << i;
            ++views;
        } else {
            EXPECT_EQ(get(page + "/enroll").status, 302) << i;
            ++clicks;
        }
    }
    const auto [views_after, clicks_after] = counts();
    const auto counted_views = views_after - views_before;
    const auto counted_clicks = clicks_after - clicks_before;
    // One bucket for the client's views and clicks.
    EXPECT_EQ(counted_views + counted_clicks, tokens_left);
    EXPECT_EQ(uncounted_metric("view", "rate_limited"), views - counted_views);
    EXPECT_EQ(uncounted_metric("click", "rate_limited"), clicks - counted_clicks);
}

// One service per backend (CI time): the rules first, as they take no token, then the burst.
TEST_P(CountingRulesTest, EveryRuleServesWithoutCountingAndABurstIsNeverRefused) {
    expect_each_rule_served_alike_and_uncounted();
    expect_burst_served_and_counted_up_to_the_limit(kBurst - 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, CountingRulesTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
