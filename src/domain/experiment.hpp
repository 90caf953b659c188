#pragma once
// CTA experiments (spec/growth.md, "CTA experiments (A/B)"): the model, the requests that create
// and stop one, the assignment of a visitor to a variant without a cookie, and the statistics.
// Plain data and rules, no I/O.

#include "domain/model.hpp"
#include "domain/model_decoding.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::domain {

inline constexpr std::size_t kExperimentVariantsMin = 2;
inline constexpr std::size_t kExperimentVariantsMax = 4;
inline constexpr std::size_t kExperimentNameMax = 100;
inline constexpr std::size_t kVariantKeyMax = 20;
inline constexpr std::int64_t kVariantWeightMax = 1000;
// A recommendation names a winner from this probability_best with this many views per variant.
inline constexpr double kRecommendProbability = 0.95;
inline constexpr std::int64_t kRecommendViews = 100;

enum class ExperimentStatus { Running, Stopped };
std::string_view to_string(ExperimentStatus s);
std::optional<ExperimentStatus> parse_experiment_status(std::string_view s);

struct ExperimentVariant {
    std::string key;  // ^[a-z0-9-]{1,20}$
    Cta cta;
    std::int64_t weight = 1;
    friend bool operator==(const ExperimentVariant&, const ExperimentVariant&) = default;
};

// Stops the experiment with the winner once every variant has min_views_per_variant views and one
// has probability_best >= probability.
struct AutoPromote {
    std::int64_t min_views_per_variant = 0;
    double probability = 0;
    friend bool operator==(const AutoPromote&, const AutoPromote&) = default;
};

struct Experiment {
    std::string experiment_id;  // exp_ + 16 lowercase hex
    std::string distribution_id;
    std::string name;
    ExperimentStatus status = ExperimentStatus::Running;
    std::vector<ExperimentVariant> variants;
    std::optional<AutoPromote> auto_promote;
    double started_at = 0;
    std::optional<double> stopped_at;
    std::optional<std::string> winner;
    friend bool operator==(const Experiment&, const Experiment&) = default;

    const ExperimentVariant* variant(std::string_view key) const;
};

// The value the hourly buckets' `variant` column holds for a variant of an experiment (keys repeat
// across the experiments of one distribution; ids do not).
std::string bucket_variant(std::string_view experiment_id, std::string_view key);

struct ExperimentRequest {
    std::optional<std::string> name;
    std::optional<std::vector<ExperimentVariant>> variants;
    std::optional<AutoPromote> auto_promote;
};

struct StopRequest {
    std::optional<std::string> winner;
};

// Every failing field at once: unknown members, types, 2–4 variants, keys (pattern, unique),
// weights (positive integers), each CTA by the rules of every CTA, auto_promote's numbers.
Decoded<ExperimentRequest> decode_experiment_create(const boost::json::value& body);
// `{}` or `{"winner": key}`; whether the key is one of the experiment's is the service's.
Decoded<StopRequest> decode_experiment_stop(const boost::json::value& body);

// The experiment (from a valid request) before it gets its id and start.
Experiment experiment_from(const ExperimentRequest& request);

// --- Assignment without cookies --------------------------------------------------------------

// The salt of one UTC day (days since 1970-01-01), derived from the server's secret: the same on
// every instance sharing the secret, a new one every day.
std::string daily_salt(std::string_view secret, std::int64_t utc_day);
// The index of the visitor's variant: HMAC-SHA256(salt, experiment id, client address,
// User-Agent) mapped onto the weights. Nothing of the visitor is kept.
std::size_t assign_variant(const Experiment& experiment, std::string_view salt,
                           std::string_view client_address, std::string_view user_agent);

// --- Statistics ------------------------------------------------------------------------------

struct VariantCounts {
    std::int64_t views = 0;
    std::int64_t clicks = 0;
};

struct Interval {
    double low = 0;
    double high = 0;
};

// The Wilson score interval of clicks / views at 95 % ([0, 1] without views).
Interval wilson_interval(std::int64_t clicks, std::int64_t views);
// For each variant, the probability that its rate is the highest under the posteriors
// Beta(1 + clicks, 1 + views − clicks): a Monte Carlo seeded by the counts (the same counts give
// the same answer); they sum to 1.
std::vector<double> probability_best(const std::vector<VariantCounts>& counts);
// The p-value of a chi-square test of the views against the weights (1 without views).
double sample_ratio_p_value(const std::vector<VariantCounts>& counts,
                            const std::vector<std::int64_t>& weights);
inline constexpr double kSampleRatioMismatchP = 0.001;

struct VariantStatistics {
    VariantCounts counts;
    std::optional<double> click_through_rate;
    Interval ctr_interval_95;
    double probability_best = 0;
};

struct ExperimentStatistics {
    std::vector<VariantStatistics> variants;  // in the experiment's order
    bool sample_ratio_mismatch = false;
    std::optional<std::string> recommended_winner;  // the key behind "winner: <key>"
};

ExperimentStatistics statistics(const Experiment& experiment,
                                const std::vector<VariantCounts>& counts);
// The winner auto_promote stops the experiment with now, if any.
std::optional<std::string> auto_promote_winner(const Experiment& experiment,
                                               const ExperimentStatistics& stats);

// The experiment's JSON, with the statistics when given.
boost::json::object to_json(const Experiment& experiment,
                            const ExperimentStatistics* stats = nullptr);

}  // namespace coursedist::domain
