#include "domain/counting_rules.hpp"

#include <algorithm>

namespace coursedist::domain {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `word` is lower-case.
bool contains_ignoring_case(std::string_view text, std::string_view word) {
    return std::search(text.begin(), text.end(), word.begin(), word.end(),
                       [](char a, char b) { return lower(a) == b; }) != text.end();
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// `value` is lower-case.
bool is_value(const std::optional<std::string_view>& header, std::string_view value) {
    if (!header) return false;
    const auto v = trimmed(*header);
    return v.size() == value.size() && contains_ignoring_case(v, value);
}

}  // namespace

std::string_view metric_label(UncountedReason reason) {
    switch (reason) {
        case UncountedReason::RateLimited:
            return "rate_limited";
        case UncountedReason::Crawler:
            return "crawler";
        case UncountedReason::Prefetch:
            return "prefetch";
        case UncountedReason::Head:
            return "head";
        case UncountedReason::NoUserAgent:
            return "no_user_agent";
    }
    return "unknown";
}

std::string_view metric_label(CountKind kind) {
    return kind == CountKind::View ? "view" : "click";
}

bool names_crawler(std::string_view user_agent) {
    return std::any_of(kCrawlerWords.begin(), kCrawlerWords.end(), [&](std::string_view word) {
        return contains_ignoring_case(user_agent, word);
    });
}

bool is_prefetch(const CountingSignals& signals) {
    if (signals.sec_purpose && (contains_ignoring_case(*signals.sec_purpose, "prefetch") ||
                                contains_ignoring_case(*signals.sec_purpose, "prerender")))
        return true;
    return is_value(signals.purpose, "prefetch") || is_value(signals.x_purpose, "preview") ||
           is_value(signals.x_moz, "prefetch");
}

std::optional<UncountedReason> uncounted_reason(const CountingSignals& signals) {
    if (signals.head) return UncountedReason::Head;
    if (!signals.user_agent || trimmed(*signals.user_agent).empty())
        return UncountedReason::NoUserAgent;
    if (names_crawler(*signals.user_agent)) return UncountedReason::Crawler;
    if (is_prefetch(signals)) return UncountedReason::Prefetch;
    if (signals.over_limit) return UncountedReason::RateLimited;
    return std::nullopt;
}

}  // namespace coursedist::domain
