#include "http/counting.hpp"

namespace coursedist::http {

namespace {

domain::CountingSignals signals_of(const Request& request) {
    domain::CountingSignals signals;
    signals.head = request.method == "HEAD";
    signals.over_limit = request.over_visitor_limit;
    signals.user_agent = request.header("user-agent");
    signals.sec_purpose = request.header("sec-purpose");
    signals.purpose = request.header("purpose");
    signals.x_purpose = request.header("x-purpose");
    signals.x_moz = request.header("x-moz");
    return signals;
}

}  // namespace

std::optional<domain::UncountedReason> uncounted_reason(const Request& request) {
    return domain::uncounted_reason(signals_of(request));
}

std::optional<domain::UncountedReason> uncounted_reason_before_limit(const Request& request) {
    auto signals = signals_of(request);
    signals.over_limit = false;
    return domain::uncounted_reason(signals);
}

void describe_uncounted(service::Metrics& metrics) {
    metrics.describe(std::string(kUncountedMetric),
                     "Visitor requests served but not counted, by kind (view, click) and reason.");
    for (auto kind : domain::kCountKinds)
        for (auto reason : domain::kUncountedReasons)
            metrics.increment(kUncountedMetric,
                              {{"kind", metric_label(kind)}, {"reason", metric_label(reason)}}, 0);
}

void record_uncounted(service::Metrics& metrics, domain::CountKind kind,
                      domain::UncountedReason reason) {
    metrics.increment(kUncountedMetric,
                      {{"kind", metric_label(kind)}, {"reason", metric_label(reason)}});
}

bool counts(const Request& request, service::Metrics& metrics, domain::CountKind kind) {
    const auto reason = uncounted_reason(request);
    if (reason) record_uncounted(metrics, kind, *reason);
    return !reason;
}

}  // namespace coursedist::http
