// Black-box: counter events are coalesced (analytics.md, "Counter events"). 300 concurrent views
// of one course become far fewer distribution.viewed events whose `count`s add up to 300 and
// whose last `view_count` is 300; with --counter-event-window 0 every view is its own event.

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"

#include <gmock/gmock.h>

#include <thread>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

constexpr int kViewers = 10;
constexpr int kViewsEach = 30;
constexpr int kViews = kViewers * kViewsEach;

class CounterEventsTest : public ApiTest {
  protected:
    // Every view, logged through the admin API (which always counts) from several connections.
    void view_concurrently(const std::string& id) {
        std::vector<std::thread> viewers;
        std::atomic<int> failures{0};
        for (int v = 0; v < kViewers; ++v)
            viewers.emplace_back([&] {
                HttpClient client(service_->port());
                const std::vector<std::pair<std::string, std::string>> headers{
                    {"Authorization", service_->auth_header()},
                    {"Content-Type", "application/json"}};
                for (int i = 0; i < kViewsEach; ++i) {
                    auto r = client.request("POST", "/api/distributions/" + id + "/log-view",
                                            R"({"referrer_category":"social"})", headers);
                    if (r.status != 200) ++failures;
                }
            });
        for (auto& viewer : viewers) viewer.join();
        EXPECT_EQ(failures, 0);
    }

    // The payloads of the course's viewed events in the event log, in commit order.
    std::vector<json::object> viewed_events(const std::string& id) {
        std::vector<json::object> out;
        std::int64_t after = 0;
        for (;;) {
            auto page = parse_object(
                admin("GET", "/api/events?limit=1000&after=" + std::to_string(after)).body);
            const auto& items = page.at("items").as_array();
            for (const auto& item : items) {
                const auto& event = item.at("event").as_object();
                const auto& payload = event.at("payload").as_object();
                if (event.at("type") == "distribution.viewed" &&
                    payload.at("distribution_id") == json::string(id))
                    out.push_back(payload);
            }
            if (items.empty()) return out;
            after = page.at("next_after").as_int64();
        }
    }

    static std::int64_t count_sum(const std::vector<json::object>& events) {
        std::int64_t sum = 0;
        for (const auto& e : events) sum += e.at("count").as_int64();
        return sum;
    }
};

TEST_P(CounterEventsTest, ConcurrentViewsBecomeFewEventsWhoseCountsAddUpToTheCounter) {
    const auto id =
        std::string(create_course("Coalesced views course").at("distribution_id").as_string());
    view_concurrently(id);
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions/" + id).body).at("view_count"), kViews);

    // The last window closes about a second after it opened.
    std::vector<json::object> events;
    ASSERT_TRUE(eventually([&] {
        events = viewed_events(id);
        return count_sum(events) == kViews;
    })) << count_sum(events);
    // At most one event per window, and 300 views take far less than 30 windows.
    EXPECT_LE(events.size(), static_cast<std::size_t>(kViews / 10));
    EXPECT_EQ(events.back().at("view_count"), kViews);
    EXPECT_EQ(events.back().at("referrer_category"), "social");
    for (const auto& e : events) EXPECT_GE(e.at("count").as_int64(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, CounterEventsTest, ::testing::ValuesIn(test_backends()));

class UncoalescedCounterEventsTest : public CounterEventsTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--counter-event-window", "0"};
    }
};

TEST_P(UncoalescedCounterEventsTest, WindowZeroCommitsOneEventPerView) {
    const auto id =
        std::string(create_course("One event per view course").at("distribution_id").as_string());
    view_concurrently(id);

    const auto events = viewed_events(id);  // committed with their views: no wait
    ASSERT_EQ(events.size(), static_cast<std::size_t>(kViews));
    std::set<std::int64_t> totals;
    for (const auto& e : events) {
        EXPECT_EQ(e.at("count"), 1);
        totals.insert(e.at("view_count").as_int64());
    }
    EXPECT_EQ(totals.size(), static_cast<std::size_t>(kViews));  // 1 … 300, each once
    EXPECT_EQ(*totals.rbegin(), kViews);
}

INSTANTIATE_TEST_SUITE_P(Backends, UncoalescedCounterEventsTest,
                         ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
