#include "domain/experiment.hpp"

#include "domain/json_codec.hpp"
#include "domain/object_decoder.hpp"
#include "domain/validation.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>

namespace coursedist::domain {

namespace json = boost::json;
using decoding::Members;
using decoding::Presence;

std::string_view to_string(ExperimentStatus s) {
    return s == ExperimentStatus::Running ? "running" : "stopped";
}

std::optional<ExperimentStatus> parse_experiment_status(std::string_view s) {
    if (s == "running") return ExperimentStatus::Running;
    if (s == "stopped") return ExperimentStatus::Stopped;
    return std::nullopt;
}

const ExperimentVariant* Experiment::variant(std::string_view key) const {
    for (const auto& v : variants)
        if (v.key == key) return &v;
    return nullptr;
}

std::string bucket_variant(std::string_view experiment_id, std::string_view key) {
    return std::string(experiment_id) + "/" + std::string(key);
}

namespace {

bool valid_key(std::string_view key) {
    if (key.empty() || key.size() > kVariantKeyMax) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// A variant as it is read: the weight stays 0 when absent (equal weights then).
const Members<ExperimentVariant>& variant_members() {
    static const Members<ExperimentVariant> members{
        decoding::member("key", &ExperimentVariant::key, decoding::text(), Presence::Required),
        decoding::member("cta", &ExperimentVariant::cta, decoding::object_of(cta_members()),
                         Presence::Required),
        decoding::member("weight", &ExperimentVariant::weight, decoding::integer()),
    };
    return members;
}

const Members<AutoPromote>& auto_promote_members() {
    static const Members<AutoPromote> members{
        decoding::member("min_views_per_variant", &AutoPromote::min_views_per_variant,
                         decoding::integer(), Presence::Required),
        decoding::member("probability", &AutoPromote::probability, decoding::number(),
                         Presence::Required),
    };
    return members;
}

const Members<ExperimentRequest>& create_members() {
    using R = ExperimentRequest;
    static const Members<R> members{
        decoding::member("name", &R::name, decoding::text(kExperimentNameMax), Presence::Required),
        decoding::member("variants", &R::variants,
                         decoding::array_of(decoding::object_of(variant_members()),
                                            "must be an array of variants"),
                         Presence::Required),
        decoding::member("auto_promote", &R::auto_promote,
                         decoding::object_of(auto_promote_members())),
        decoding::read_only<R>("experiment_id"),
        decoding::read_only<R>("distribution_id"),
        decoding::read_only<R>("status"),
        decoding::read_only<R>("started_at"),
    };
    return members;
}

void check_variants(const json::value& body, const std::vector<ExperimentVariant>& variants,
                    FieldErrors& errors) {
    // The decoded list leaves out variants that could not be read: index by the body's array.
    const auto* array = body.as_object().at("variants").if_array();
    const auto count = array ? array->size() : variants.size();
    if (count < kExperimentVariantsMin || count > kExperimentVariantsMax) {
        errors.push_back({"variants", "must hold 2 to 4 variants"});
        return;
    }
    if (variants.size() != count) return;  // the unreadable ones are reported already
    std::set<std::string_view> seen;
    for (std::size_t i = 0; i < variants.size(); ++i) {
        const auto& v = variants[i];
        const auto at = indexed("variants", i);
        if (!valid_key(v.key))
            errors.push_back({at + ".key", "must match ^[a-z0-9-]{1,20}$"});
        else if (!seen.insert(v.key).second)
            errors.push_back({at + ".key", "is repeated"});
        if (v.weight < 1 || v.weight > kVariantWeightMax)
            errors.push_back({at + ".weight",
                              "must be an integer from 1 to " + std::to_string(kVariantWeightMax)});
        validate_cta(v.cta, at + ".cta", errors);
    }
}

void check_auto_promote(const AutoPromote& a, FieldErrors& errors) {
    if (a.min_views_per_variant < 1)
        errors.push_back({"auto_promote.min_views_per_variant", "must be a positive integer"});
    if (!(a.probability >= 0.5 && a.probability < 1))
        errors.push_back({"auto_promote.probability", "must be at least 0.5 and below 1"});
}

}  // namespace

Decoded<ExperimentRequest> decode_experiment_create(const json::value& body) {
    Decoded<ExperimentRequest> out;
    decoding::decode_members(body, "", create_members(), out.value, out.errors);
    FieldErrors rule_errors;
    if (out.value.name && out.value.name->find_first_not_of(" \t\r\n") == std::string::npos)
        rule_errors.push_back({"name", "must not be empty"});
    if (out.value.variants) check_variants(body, *out.value.variants, rule_errors);
    if (out.value.auto_promote) check_auto_promote(*out.value.auto_promote, rule_errors);
    decoding::add_rule_errors(out.errors, rule_errors);
    return out;
}

Decoded<StopRequest> decode_experiment_stop(const json::value& body) {
    static const Members<StopRequest> members{
        decoding::member("winner", &StopRequest::winner, decoding::text()),
    };
    Decoded<StopRequest> out;
    if (body.is_null()) return out;  // no body: stop without a winner
    decoding::decode_members(body, "", members, out.value, out.errors);
    return out;
}

Experiment experiment_from(const ExperimentRequest& request) {
    Experiment e;
    e.name = request.name.value_or("");
    e.variants = request.variants.value_or(std::vector<ExperimentVariant>{});
    e.auto_promote = request.auto_promote;
    return e;
}

// --- Assignment ------------------------------------------------------------------------------

namespace {

std::string hmac_sha256(std::string_view key, std::string_view message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
              &length))
        throw std::runtime_error("HMAC-SHA256 failed");
    return std::string(reinterpret_cast<const char*>(digest), length);
}

std::uint64_t first_word(std::string_view bytes) {
    std::uint64_t out = 0;
    for (std::size_t i = 0; i < 8 && i < bytes.size(); ++i)
        out = (out << 8) | static_cast<unsigned char>(bytes[i]);
    return out;
}

}  // namespace

std::string daily_salt(std::string_view secret, std::int64_t utc_day) {
    return hmac_sha256(secret, "experiment-salt/" + std::to_string(utc_day));
}

std::size_t assign_variant(const Experiment& experiment, std::string_view salt,
                           std::string_view client_address, std::string_view user_agent) {
    std::string message = experiment.experiment_id;
    message += '\n';
    message += client_address;
    message += '\n';
    message += user_agent;
    std::uint64_t total = 0;
    for (const auto& v : experiment.variants) total += static_cast<std::uint64_t>(v.weight);
    if (total == 0) return 0;
    auto point = first_word(hmac_sha256(salt, message)) % total;
    for (std::size_t i = 0; i < experiment.variants.size(); ++i) {
        const auto weight = static_cast<std::uint64_t>(experiment.variants[i].weight);
        if (point < weight) return i;
        point -= weight;
    }
    return experiment.variants.size() - 1;
}

// --- Statistics ------------------------------------------------------------------------------

namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr int kPosteriorDraws = 20000;

std::int64_t failures(const VariantCounts& c) {
    return std::max<std::int64_t>(0, c.views - c.clicks);
}

// The chi-square distribution's upper tail for 1 to 3 degrees of freedom (2–4 variants).
double chi_square_upper_tail(double x, std::size_t degrees) {
    if (x <= 0) return 1;
    switch (degrees) {
        case 1:
            return std::erfc(std::sqrt(x / 2));
        case 2:
            return std::exp(-x / 2);
        case 3:
            return std::erfc(std::sqrt(x / 2)) +
                   std::sqrt(2 * x / 3.14159265358979323846) * std::exp(-x / 2);
        default:
            throw std::invalid_argument("2 to 4 variants");
    }
}

}  // namespace

Interval wilson_interval(std::int64_t clicks, std::int64_t views) {
    if (views <= 0) return {0, 1};
    const double n = static_cast<double>(views);
    const double p = std::min(1.0, static_cast<double>(clicks) / n);
    const double z2 = kZ95 * kZ95;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half = kZ95 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
    // No click: the low end is 0; every view clicked: the high end is 1 (exactly, not by rounding).
    return {clicks <= 0 ? 0.0 : std::max(0.0, centre - half),
            clicks >= views ? 1.0 : std::min(1.0, centre + half)};
}

std::vector<double> probability_best(const std::vector<VariantCounts>& counts) {
    std::vector<double> out(counts.size(), 0);
    if (counts.empty()) return out;
    // Seeded by the counts: the same counts draw the same samples.
    std::uint64_t seed = 0x9e3779b97f4a7c15ULL;
    for (const auto& c : counts)
        for (auto n : {c.views, c.clicks})
            seed = (seed ^ static_cast<std::uint64_t>(n)) * 0x100000001b3ULL;
    std::mt19937_64 engine(seed);
    std::vector<std::gamma_distribution<double>> successes;
    std::vector<std::gamma_distribution<double>> misses;
    for (const auto& c : counts) {
        successes.emplace_back(1.0 + static_cast<double>(std::max<std::int64_t>(0, c.clicks)));
        misses.emplace_back(1.0 + static_cast<double>(failures(c)));
    }
    std::vector<std::int64_t> wins(counts.size(), 0);
    for (int draw = 0; draw < kPosteriorDraws; ++draw) {
        std::size_t best = 0;
        double best_rate = -1;
        for (std::size_t i = 0; i < counts.size(); ++i) {
            const double a = successes[i](engine);
            const double b = misses[i](engine);
            const double rate = a / (a + b);  // Beta(alpha, beta) from two gammas
            if (rate > best_rate) {
                best_rate = rate;
                best = i;
            }
        }
        ++wins[best];
    }
    for (std::size_t i = 0; i < counts.size(); ++i)
        out[i] = static_cast<double>(wins[i]) / kPosteriorDraws;
    return out;
}

double sample_ratio_p_value(const std::vector<VariantCounts>& counts,
                            const std::vector<std::int64_t>& weights) {
    if (counts.size() < 2 || counts.size() != weights.size()) return 1;
    double total = 0;
    double total_weight = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += static_cast<double>(counts[i].views);
        total_weight += static_cast<double>(weights[i]);
    }
    if (total <= 0 || total_weight <= 0) return 1;
    double chi2 = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double expected = total * static_cast<double>(weights[i]) / total_weight;
        const double d = static_cast<double>(counts[i].views) - expected;
        chi2 += d * d / expected;
    }
    return chi_square_upper_tail(chi2, counts.size() - 1);
}

ExperimentStatistics statistics(const Experiment& experiment,
                                const std::vector<VariantCounts>& counts) {
    ExperimentStatistics out;
    const auto probabilities = probability_best(counts);
    std::vector<std::int64_t> weights;
    bool enough_views = !counts.empty();
    for (std::size_t i = 0; i < counts.size(); ++i) {
        VariantStatistics v;
        v.counts = counts[i];
        if (counts[i].views > 0)
            v.click_through_rate =
                static_cast<double>(counts[i].clicks) / static_cast<double>(counts[i].views);
        v.ctr_interval_95 = wilson_interval(counts[i].clicks, counts[i].views);
        v.probability_best = probabilities[i];
        out.variants.push_back(v);
        weights.push_back(i < experiment.variants.size() ? experiment.variants[i].weight : 1);
        if (counts[i].views < kRecommendViews) enough_views = false;
    }
    out.sample_ratio_mismatch = sample_ratio_p_value(counts, weights) < kSampleRatioMismatchP;
    if (enough_views)
        for (std::size_t i = 0; i < out.variants.size() && i < experiment.variants.size(); ++i)
            if (out.variants[i].probability_best >= kRecommendProbability)
                out.recommended_winner = experiment.variants[i].key;
    return out;
}

std::optional<std::string> auto_promote_winner(const Experiment& experiment,
                                               const ExperimentStatistics& stats) {
    if (!experiment.auto_promote || experiment.status != ExperimentStatus::Running)
        return std::nullopt;
    const auto& rule = *experiment.auto_promote;
    for (const auto& v : stats.variants)
        if (v.counts.views < rule.min_views_per_variant) return std::nullopt;
    for (std::size_t i = 0; i < stats.variants.size() && i < experiment.variants.size(); ++i)
        if (stats.variants[i].probability_best >= rule.probability)
            return experiment.variants[i].key;
    return std::nullopt;
}

json::object to_json(const Experiment& e, const ExperimentStatistics* stats) {
    json::array variants;
    for (std::size_t i = 0; i < e.variants.size(); ++i) {
        const auto& v = e.variants[i];
        json::object o{{"key", v.key}, {"cta", to_json(v.cta)}, {"weight", v.weight}};
        if (stats && i < stats->variants.size()) {
            const auto& s = stats->variants[i];
            o["views"] = s.counts.views;
            o["clicks"] = s.counts.clicks;
            o["click_through_rate"] =
                s.click_through_rate ? json::value(*s.click_through_rate) : json::value(nullptr);
            o["ctr_interval_95"] = json::array{s.ctr_interval_95.low, s.ctr_interval_95.high};
            o["probability_best"] = s.probability_best;
        }
        variants.push_back(std::move(o));
    }
    json::object out{{"experiment_id", e.experiment_id},
                     {"distribution_id", e.distribution_id},
                     {"name", e.name},
                     {"status", to_string(e.status)},
                     {"variants", std::move(variants)},
                     {"started_at", e.started_at},
                     {"stopped_at", to_json(e.stopped_at)},
                     {"winner", to_json(e.winner)},
                     {"auto_promote", nullptr}};
    if (e.auto_promote)
        out["auto_promote"] =
            json::object{{"min_views_per_variant", e.auto_promote->min_views_per_variant},
                         {"probability", e.auto_promote->probability}};
    if (stats) {
        out["sample_ratio_mismatch"] = stats->sample_ratio_mismatch;
        out["recommendation"] = stats->recommended_winner ? "winner: " + *stats->recommended_winner
                                                          : std::string("keep running");
    }
    return out;
}

}  // namespace coursedist::domain
