// The counting rules of spec/analytics.md: which visitor requests are served but not counted.
#include "domain/counting_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace coursedist::domain {
namespace {

constexpr std::string_view kFirefox =
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
constexpr std::string_view kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36";

CountingSignals browser(std::string_view user_agent = kFirefox) {
    CountingSignals signals;
    signals.user_agent = user_agent;
    return signals;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

TEST(CountingRules, ABrowserCounts) {
    EXPECT_EQ(uncounted_reason(browser(kFirefox)), std::nullopt);
    EXPECT_EQ(uncounted_reason(browser(kChrome)), std::nullopt);
    EXPECT_EQ(uncounted_reason(browser("curl/8.5.0")), std::nullopt);
}

TEST(CountingRules, EveryCrawlerWordInAnyCaseIsACrawler) {
    ASSERT_EQ(kCrawlerWords.size(), 10u);
    for (auto word : kCrawlerWords) {
        const std::string inside = "Mozilla/5.0 (compatible; X" + std::string(word) + "Y/2.1)";
        for (const auto& user_agent : {inside, upper(inside), std::string(word)}) {
            SCOPED_TRACE(user_agent);
            EXPECT_TRUE(names_crawler(user_agent));
            EXPECT_EQ(uncounted_reason(browser(user_agent)), UncountedReason::Crawler);
        }
    }
}

TEST(CountingRules, KnownCrawlersAndPreviewersAreCrawlers) {
    for (std::string_view user_agent :
         {"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
          "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
          "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
          "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
          "Mozilla/5.0 (compatible; Baiduspider/2.0)", "Mozilla/5.0 (compatible; Embedly/0.2)",
          "Chrome-Lighthouse", "Pingdom.com_bot_version_1.4", "Mozilla/5.0 UptimeRobot/2.0",
          "Mozilla/5.0 (compatible; SkypeUriPreview Preview/0.5)", "msnBOT/2.0b",
          "Mozilla/5.0 AhrefsCrawler"}) {
        EXPECT_EQ(uncounted_reason(browser(user_agent)), UncountedReason::Crawler) << user_agent;
    }
}

TEST(CountingRules, AMissingOrEmptyUserAgentDoesNotCount) {
    CountingSignals missing;
    EXPECT_EQ(uncounted_reason(missing), UncountedReason::NoUserAgent);
    EXPECT_EQ(uncounted_reason(browser("")), UncountedReason::NoUserAgent);
    EXPECT_EQ(uncounted_reason(browser("  \t")), UncountedReason::NoUserAgent);
}

TEST(CountingRules, HeadDoesNotCount) {
    auto head = browser();
    head.head = true;
    EXPECT_EQ(uncounted_reason(head), UncountedReason::Head);
}

TEST(CountingRules, EachPrefetchHeaderIsAPrefetch) {
    struct Case {
        std::optional<std::string_view> CountingSignals::*header;
        std::string_view value;
    };
    for (const auto& [header, value] :
         {Case{&CountingSignals::sec_purpose, "prefetch"},
          Case{&CountingSignals::sec_purpose, "prefetch;prerender"},
          Case{&CountingSignals::sec_purpose, "prefetch; anonymous-client-ip"},
          Case{&CountingSignals::sec_purpose, "Prerender"},
          Case{&CountingSignals::purpose, "prefetch"}, Case{&CountingSignals::purpose, "Prefetch"},
          Case{&CountingSignals::x_purpose, "preview"},
          Case{&CountingSignals::x_purpose, " PREVIEW "}, Case{&CountingSignals::x_moz, "prefetch"},
          Case{&CountingSignals::x_moz, "PreFetch"}}) {
        SCOPED_TRACE(value);
        auto signals = browser();
        signals.*header = value;
        EXPECT_TRUE(is_prefetch(signals));
        EXPECT_EQ(uncounted_reason(signals), UncountedReason::Prefetch);
    }
}

TEST(CountingRules, OtherPurposesCount) {
    auto signals = browser();
    signals.sec_purpose = "";
    signals.purpose = "navigate";
    signals.x_purpose = "prefetch";  // only `preview` is the rule for X-Purpose
    signals.x_moz = "microsummary";
    EXPECT_FALSE(is_prefetch(signals));
    EXPECT_EQ(uncounted_reason(signals), std::nullopt);
}

TEST(CountingRules, OverTheLimitDoesNotCount) {
    auto signals = browser();
    signals.over_limit = true;
    EXPECT_EQ(uncounted_reason(signals), UncountedReason::RateLimited);
}

TEST(CountingRules, TheFirstReasonWinsWhenSeveralApply) {
    CountingSignals all;
    all.head = true;
    all.over_limit = true;
    all.user_agent = "Googlebot";
    all.purpose = "prefetch";
    EXPECT_EQ(uncounted_reason(all), UncountedReason::Head);
    all.head = false;
    EXPECT_EQ(uncounted_reason(all), UncountedReason::Crawler);
    all.user_agent = kFirefox;
    EXPECT_EQ(uncounted_reason(all), UncountedReason::Prefetch);
    all.user_agent = std::nullopt;
    EXPECT_EQ(uncounted_reason(all), UncountedReason::NoUserAgent);
}

TEST(CountingRules, MetricLabels) {
    EXPECT_EQ(metric_label(UncountedReason::RateLimited), "rate_limited");
    EXPECT_EQ(metric_label(UncountedReason::Crawler), "crawler");
    EXPECT_EQ(metric_label(UncountedReason::Prefetch), "prefetch");
    EXPECT_EQ(metric_label(UncountedReason::Head), "head");
    EXPECT_EQ(metric_label(UncountedReason::NoUserAgent), "no_user_agent");
    EXPECT_EQ(metric_label(CountKind::View), "view");
    EXPECT_EQ(metric_label(CountKind::Click), "click");
    EXPECT_EQ(kUncountedReasons.size(), 5u);
}

}  // namespace
}  // namespace coursedist::domain
