#pragma once
// The counting rules (domain/counting_rules.hpp) applied to an HTTP request, and what /metrics
// shows of the requests that did not count. Every public route that counts (landing page, enroll
// link, the BRAiN-compatible public routes) asks counts() before it counts, which records why when
// it does not; either way it answers the same.

#include "domain/counting_rules.hpp"
#include "http/message.hpp"
#include "service/metrics.hpp"

#include <optional>

namespace coursedist::http {

// Why `request` is served without counting, or nullopt when it counts. Reads the method, the
// User-Agent and prefetch headers, and Request::over_visitor_limit (set by the per-client limit
// of the routes the table marks Limit::VisitorCounter, see rate_limit.hpp).
std::optional<domain::UncountedReason> uncounted_reason(const Request& request);

// The rules without the per-client limit: what the limit asks before it takes a token, so that
// requests that would not count anyway never use up a visitor's budget.
std::optional<domain::UncountedReason> uncounted_reason_before_limit(const Request& request);

inline constexpr std::string_view kUncountedMetric = "coursedist_uncounted_total";

// Describes coursedist_uncounted_total with a zero series for every kind and reason (idempotent).
void describe_uncounted(service::Metrics& metrics);
// Adds one to coursedist_uncounted_total{kind, reason}.
void record_uncounted(service::Metrics& metrics, domain::CountKind kind,
                      domain::UncountedReason reason);
// Whether `request` counts as a `kind`; when it does not, records why (the two calls above).
bool counts(const Request& request, service::Metrics& metrics, domain::CountKind kind);

}  // namespace coursedist::http
