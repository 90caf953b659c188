// The counting rules read from an HTTP request, and their metric.
#include "http/counting.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

using domain::UncountedReason;

Request visitor(Headers headers, std::string method = "GET") {
    Request request;
    request.method = std::move(method);
    request.headers = std::move(headers);
    return request;
}

TEST(Counting, ReadsTheRequestHeaders) {
    EXPECT_EQ(uncounted_reason(visitor({{"user-agent", "Mozilla/5.0 Firefox/133.0"}})),
              std::nullopt);
    EXPECT_EQ(uncounted_reason(visitor({})), UncountedReason::NoUserAgent);
    EXPECT_EQ(uncounted_reason(visitor({{"user-agent", ""}})), UncountedReason::NoUserAgent);
    EXPECT_EQ(uncounted_reason(visitor({{"user-agent", "Twitterbot/1.0"}})),
              UncountedReason::Crawler);
    EXPECT_EQ(uncounted_reason(visitor({{"user-agent", "Mozilla/5.0"}}, "HEAD")),
              UncountedReason::Head);
    for (auto [name, value] : {std::pair{"sec-purpose", "prefetch;prerender"},
                               {"purpose", "prefetch"},
                               {"x-purpose", "preview"},
                               {"x-moz", "prefetch"}}) {
        EXPECT_EQ(uncounted_reason(visitor({{"user-agent", "Mozilla/5.0"}, {name, value}})),
                  UncountedReason::Prefetch)
            << name;
    }
}

TEST(Counting, OverTheLimitIsRateLimitedButNotBeforeTheLimit) {
    auto request = visitor({{"user-agent", "Mozilla/5.0"}});
    request.over_visitor_limit = true;
    EXPECT_EQ(uncounted_reason(request), UncountedReason::RateLimited);
    EXPECT_EQ(uncounted_reason_before_limit(request), std::nullopt);
}

TEST(Counting, TheMetricHasEveryKindAndReasonFromTheStart) {
    service::Metrics metrics;
    describe_uncounted(metrics);
    describe_uncounted(metrics);  // a second route family describes it again: no change
    record_uncounted(metrics, domain::CountKind::Click, UncountedReason::Crawler);
    const auto text = metrics.render();
    EXPECT_THAT(text, ::testing::HasSubstr("# TYPE coursedist_uncounted_total counter\n"));
    EXPECT_THAT(text, ::testing::HasSubstr(
                          "coursedist_uncounted_total{kind=\"click\",reason=\"crawler\"} 1\n"));
    for (auto kind : {"view", "click"})
        for (auto reason : {"rate_limited", "crawler", "prefetch", "head", "no_user_agent"})
            EXPECT_THAT(text,
                        ::testing::HasSubstr(std::string("coursedist_uncounted_total{kind=\"") +
                                             kind + "\",reason=\"" + reason + "\"}"));
}

}  // namespace
}  // namespace coursedist::http
