// Per-client token buckets for the public counting routes (issue 7, "abuse of public counters").
#include "http/rate_limit.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace coursedist::http {
namespace {

using std::chrono::seconds;

struct FakeClock {
    std::chrono::steady_clock::time_point now{};
    ClientRateLimiter::Clock function() {
        return [this] { return now; };
    }
};

Request from(std::string address) {
    Request request;
    request.client_address = std::move(address);
    return request;
}

RateLimitSettings settings(double per_second, double burst) {
    RateLimitSettings s;
    s.per_second = per_second;
    s.burst = burst;
    return s;
}

TEST(RateLimitParse, AcceptsRateAndBurstOrOff) {
    auto parsed = parse_rate_limit("2.5,40");
    ASSERT_TRUE(parsed);
    EXPECT_TRUE(parsed->enabled);
    EXPECT_DOUBLE_EQ(parsed->per_second, 2.5);
    EXPECT_DOUBLE_EQ(parsed->burst, 40);
    auto off = parse_rate_limit("off");
    ASSERT_TRUE(off);
    EXPECT_FALSE(off->enabled);
}

TEST(RateLimitParse, RefusesNonsense) {
    for (const char* text :
         {"", "5", "0,10", "1,0", "1,0.5", "-1,5", "a,b", "1,2,3", "nan,5", "inf,5", "1, 5"}) {
        EXPECT_FALSE(parse_rate_limit(text)) << text;
    }
}

TEST(ClientRateLimiter, AllowsTheBurstThenRefusesWithRetryAfter) {
    FakeClock clock;
    ClientRateLimiter limiter(settings(0.5, 3), clock.function());
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.take(from("192.0.2.1"))) << i;
    auto retry = limiter.take(from("192.0.2.1"));
    ASSERT_TRUE(retry);
    EXPECT_EQ(*retry, seconds(2));  // one token at 0.5/s
}

TEST(ClientRateLimiter, RefillsAtTheConfiguredRate) {
    FakeClock clock;
    ClientRateLimiter limiter(settings(1, 2), clock.function());
    EXPECT_FALSE(limiter.take(from("a")));
    EXPECT_FALSE(limiter.take(from("a")));
    EXPECT_TRUE(limiter.take(from("a")));
    clock.now += seconds(1);
    EXPECT_FALSE(limiter.take(from("a")));
    EXPECT_TRUE(limiter.take(from("a")));
    clock.now += seconds(100);  // never more than the burst
    EXPECT_FALSE(limiter.take(from("a")));
    EXPECT_FALSE(limiter.take(from("a")));
    EXPECT_TRUE(limiter.take(from("a")));
}

TEST(ClientRateLimiter, ClientsHaveTheirOwnBuckets) {
    FakeClock clock;
    ClientRateLimiter limiter(settings(1, 1), clock.function());
    EXPECT_FALSE(limiter.take(from("10.0.0.1")));
    EXPECT_TRUE(limiter.take(from("10.0.0.1")));
    EXPECT_FALSE(limiter.take(from("10.0.0.2")));
}

TEST(ClientRateLimiter, OffLetsEverythingThrough) {
    auto off = *parse_rate_limit("off");
    ClientRateLimiter limiter(off);
    for (int i = 0; i < 1000; ++i) EXPECT_FALSE(limiter.take(from("a")));
    EXPECT_EQ(limiter.tracked_clients(), 0u);
}

TEST(ClientRateLimiter, ForgetsRefilledBucketsSoMemoryStaysBounded) {
    FakeClock clock;
    auto s = settings(10, 5);  // refilled after 0.5 s
    s.max_clients = 100;
    ClientRateLimiter limiter(s, clock.function());
    for (int i = 0; i < 100; ++i) limiter.take(from("client-" + std::to_string(i)));
    EXPECT_EQ(limiter.tracked_clients(), 100u);
    // Full table: a new client passes untracked rather than growing it.
    EXPECT_FALSE(limiter.take(from("newcomer")));
    EXPECT_EQ(limiter.tracked_clients(), 100u);
    clock.now += seconds(1);
    EXPECT_FALSE(limiter.take(from("newcomer")));
    EXPECT_EQ(limiter.tracked_clients(), 1u);
}

TEST(ClientRateLimiter, ForwardedForOnlyWhenTrusted) {
    FakeClock clock;
    auto s = settings(1, 1);
    Request first = from("10.0.0.9");  // the proxy
    first.headers.emplace_back("x-forwarded-for", "spoofed, 198.51.100.7");
    Request second = from("10.0.0.9");
    second.headers.emplace_back("x-forwarded-for", "198.51.100.8");

    ClientRateLimiter direct(s, clock.function());
    EXPECT_FALSE(direct.take(first));
    EXPECT_TRUE(direct.take(second));  // same peer address: same bucket

    s.trust_forwarded_for = true;
    ClientRateLimiter proxied(s, clock.function());
    EXPECT_FALSE(proxied.take(first));
    EXPECT_FALSE(proxied.take(second));  // different last X-Forwarded-For entries
    Request spoof = from("10.0.0.9");
    spoof.headers.emplace_back("x-forwarded-for", "198.51.100.7");
    EXPECT_TRUE(proxied.take(spoof));  // the leftmost entries do not choose the bucket
}

// Records, per call, whether the handler saw the request over the limit.
struct SeenLimits {
    std::vector<bool> over;
    Handler handler() {
        return [this](const Request& request, const PathParams&) {
            over.push_back(request.over_visitor_limit);
            return json_response(200, "{}");
        };
    }
};

Request visitor(std::string method = "GET", std::string user_agent = "Mozilla/5.0") {
    Request request = from("a");
    request.method = std::move(method);
    request.headers.emplace_back("user-agent", std::move(user_agent));
    return request;
}

TEST(CountedWithinLimit, OverTheLimitIsServedAndMarkedNeverRefused) {
    FakeClock clock;
    auto limiter = std::make_shared<ClientRateLimiter>(settings(1, 2), clock.function());
    SeenLimits seen;
    auto handler = counted_within_limit(limiter, seen.handler());
    for (int i = 0; i < 4; ++i) EXPECT_EQ(handler(visitor(), {}).status, 200) << i;
    EXPECT_EQ(seen.over, (std::vector<bool>{false, false, true, true}));
    clock.now += seconds(1);
    handler(visitor(), {});
    EXPECT_FALSE(seen.over.back());  // refilled
}

TEST(CountedWithinLimit, RequestsThatWouldNotCountTakeNoToken) {
    FakeClock clock;
    auto limiter = std::make_shared<ClientRateLimiter>(settings(1, 1), clock.function());
    SeenLimits seen;
    auto handler = counted_within_limit(limiter, seen.handler());
    handler(visitor("HEAD"), {});
    handler(visitor("GET", "Googlebot/2.1"), {});
    handler(visitor("GET", ""), {});
    auto prefetch = visitor();
    prefetch.headers.emplace_back("sec-purpose", "prefetch");
    handler(prefetch, {});
    EXPECT_EQ(seen.over, (std::vector<bool>{false, false, false, false}));
    handler(visitor(), {});  // the one token is still there
    handler(visitor(), {});
    EXPECT_EQ(seen.over, (std::vector<bool>{false, false, false, false, false, true}));
}

}  // namespace
}  // namespace coursedist::http
