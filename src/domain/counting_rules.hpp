#pragma once
// Which visitor requests count (spec/analytics.md, "Counting rules"), in one place: the landing
// page, the enroll link and the BRAiN-compatible public routes all ask uncounted_reason() (through
// http/counting.hpp). The admin API's log-view and track-click always count: they are explicit.
//
// A request that does not count is still served exactly as one that does (200 page, 302
// redirect); its counting outcome never changes its response. Plain data, no I/O.

#include <array>
#include <optional>
#include <string_view>

namespace coursedist::domain {

// Why a request was served but not counted; each has its label in /metrics
// (coursedist_uncounted_total{kind,reason}).
enum class UncountedReason {
    RateLimited,  // over the per-client limit (--public-rate-limit)
    Crawler,      // the User-Agent names a crawler or link previewer (kCrawlerWords)
    Prefetch,     // a prefetch or prerender (is_prefetch)
    Head,         // HEAD: nobody looked at the page
    NoUserAgent,  // missing or empty User-Agent
};

inline constexpr std::array kUncountedReasons{UncountedReason::RateLimited,
                                              UncountedReason::Crawler, UncountedReason::Prefetch,
                                              UncountedReason::Head, UncountedReason::NoUserAgent};

// "rate_limited", "crawler", "prefetch", "head", "no_user_agent".
std::string_view metric_label(UncountedReason reason);

// What a counting request counts: a view (pages, public detail) or a click (enroll).
enum class CountKind { View, Click };
inline constexpr std::array kCountKinds{CountKind::View, CountKind::Click};
std::string_view metric_label(CountKind kind);  // "view", "click"

// The rule: "a User-Agent that names a crawler or link previewer: case-insensitive bot, crawl,
// spider, slurp, facebookexternalhit, embedly, preview, lighthouse, pingdom, uptime" is served but
// not counted. A User-Agent containing any of these words, in any case, is a crawler.
inline constexpr std::array<std::string_view, 10> kCrawlerWords{
    "bot",     "crawl",   "spider",     "slurp",   "facebookexternalhit",
    "embedly", "preview", "lighthouse", "pingdom", "uptime"};

bool names_crawler(std::string_view user_agent);

// What of a request the rules read (header values as received; nullopt when absent).
struct CountingSignals {
    bool head = false;        // the method is HEAD
    bool over_limit = false;  // the client is over the per-client limit
    std::optional<std::string_view> user_agent;
    std::optional<std::string_view> sec_purpose;  // Sec-Purpose
    std::optional<std::string_view> purpose;      // Purpose
    std::optional<std::string_view> x_purpose;    // X-Purpose
    std::optional<std::string_view> x_moz;        // X-Moz
};

// The rule: "prefetch and prerender: Sec-Purpose containing prefetch or prerender, Purpose:
// prefetch, X-Purpose: preview, X-Moz: prefetch" are served but not counted. Values compare
// case-insensitively; Purpose, X-Purpose and X-Moz as whole values (surrounding blanks aside).
bool is_prefetch(const CountingSignals& signals);

// Why the request does not count, or nullopt when it counts. When several reasons apply, the first
// of: HEAD, no User-Agent, crawler, prefetch, over the limit.
std::optional<UncountedReason> uncounted_reason(const CountingSignals& signals);

}  // namespace coursedist::domain
