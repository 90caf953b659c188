// CTA experiments' domain (issue 16, spec/growth.md "CTA experiments (A/B)"): the create
// request's rules (every failing field at once), the cookie-less assignment, and the statistics
// against values computed here: Wilson bounds, posterior probabilities, the sample-ratio test.

#include "domain/experiment.hpp"

#include <gmock/gmock.h>
#include <boost/json.hpp>

#include <cmath>
#include <map>

namespace coursedist::domain {
namespace {

namespace json = boost::json;
using ::testing::Contains;
using ::testing::DoubleNear;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::vector<std::string> fields_of(const FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

json::value cta(std::string_view url) {
    return json::object{{"label", "Jetzt starten"}, {"action", "open_course"}, {"url", url}};
}

json::value two_variants() {
    return json::parse(R"({"name": "Button text", "variants": [
        {"key": "a", "cta": {"label": "Start now", "url": "https://example.com/a"}},
        {"key": "b", "cta": {"label": "Go ahead", "url": "https://example.com/b"}, "weight": 3}]})");
}

TEST(ExperimentRequest, AValidOneDecodesWithDefaultWeights) {
    auto decoded = decode_experiment_create(two_variants());
    ASSERT_TRUE(decoded.ok()) << decoded.errors.front().field;
    auto e = experiment_from(decoded.value);
    ASSERT_EQ(e.variants.size(), 2u);
    EXPECT_EQ(e.variants[0].weight, 1);
    EXPECT_EQ(e.variants[1].weight, 3);
    EXPECT_EQ(e.variants[1].cta.url, "https://example.com/b");
    EXPECT_FALSE(e.auto_promote);
}

TEST(ExperimentRequest, EveryFailingFieldIsNamed) {
    json::object body{
        {"name", ""},
        {"status", "running"},
        {"auto_promote", {{"min_views_per_variant", 0}, {"probability", 1.5}}},
        {"variants",
         json::array{json::object{{"key", "A!"}, {"cta", cta("nope")}},
                     json::object{{"key", "b"}, {"cta", cta("https://x.org")}, {"weight", 0}},
                     json::object{{"key", "b"}, {"cta", cta("https://y.org")}}}}};
    auto errors = decode_experiment_create(body).errors;
    EXPECT_THAT(
        fields_of(errors),
        UnorderedElementsAre("name", "status", "auto_promote.min_views_per_variant",
                             "auto_promote.probability", "variants[0].key", "variants[0].cta.url",
                             "variants[1].weight", "variants[2].key"));
}

TEST(ExperimentRequest, TwoToFourVariants) {
    json::array one{json::object{{"key", "a"}, {"cta", cta("https://x.org")}}};
    json::array five;
    for (const char* key : {"a", "b", "c", "d", "e"})
        five.push_back(json::object{{"key", key}, {"cta", cta("https://x.org")}});
    for (const auto& variants : {one, five}) {
        json::object body{{"name", "n"}, {"variants", variants}};
        EXPECT_THAT(fields_of(decode_experiment_create(body).errors),
                    UnorderedElementsAre("variants"));
    }
    EXPECT_THAT(fields_of(decode_experiment_create(json::object{}).errors),
                UnorderedElementsAre("name", "variants"));
}

TEST(ExperimentRequest, StopTakesAnOptionalWinner) {
    EXPECT_TRUE(decode_experiment_stop(json::object{}).ok());
    EXPECT_TRUE(decode_experiment_stop(nullptr).ok());
    EXPECT_EQ(decode_experiment_stop(json::object{{"winner", "b"}}).value.winner, "b");
    EXPECT_THAT(fields_of(decode_experiment_stop(json::object{{"winner", 3}}).errors),
                UnorderedElementsAre("winner"));
}

Experiment experiment_of(std::vector<std::int64_t> weights) {
    Experiment e;
    e.experiment_id = "exp_0123456789abcdef";
    for (std::size_t i = 0; i < weights.size(); ++i)
        e.variants.push_back({std::string(1, static_cast<char>('a' + i)), {}, weights[i]});
    return e;
}

TEST(Assignment, SplitsByTheWeightsAndKeepsAVisitorsVariant) {
    const auto salt = daily_salt("secret", 20'000);
    for (auto weights : {std::vector<std::int64_t>{1, 1}, std::vector<std::int64_t>{1, 3}}) {
        const auto e = experiment_of(weights);
        std::map<std::size_t, int> seen;
        const int clients = 4000;
        for (int i = 0; i < clients; ++i) {
            const auto ua = "Mozilla/5.0 client " + std::to_string(i);
            const auto v = assign_variant(e, salt, "10.0.0.1", ua);
            EXPECT_EQ(assign_variant(e, salt, "10.0.0.1", ua), v);
            ++seen[v];
        }
        const double share = static_cast<double>(seen[0]) / clients;
        EXPECT_NEAR(share, static_cast<double>(weights[0]) / (weights[0] + weights[1]), 0.03);
    }
}

TEST(Assignment, TheSaltChangesDailyAndWithTheSecret) {
    EXPECT_EQ(daily_salt("s", 1), daily_salt("s", 1));
    EXPECT_NE(daily_salt("s", 1), daily_salt("s", 2));
    EXPECT_NE(daily_salt("s", 1), daily_salt("t", 1));
    // Another day's salt reshuffles visitors: some change variant.
    const auto e = experiment_of({1, 1});
    int moved = 0;
    for (int i = 0; i < 200; ++i) {
        const auto ua = "ua " + std::to_string(i);
        moved += assign_variant(e, daily_salt("s", 1), "1.2.3.4", ua) !=
                 assign_variant(e, daily_salt("s", 2), "1.2.3.4", ua);
    }
    EXPECT_GT(moved, 50);
}

TEST(Statistics, WilsonIntervalOfKnownCounts) {
    // 20 of 100 at z = 1.96: computed here from the formula.
    const double z = 1.959963984540054, n = 100, p = 0.2;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n);
    const auto i = wilson_interval(20, 100);
    EXPECT_NEAR(i.low, centre - half, 1e-12);
    EXPECT_NEAR(i.high, centre + half, 1e-12);
    EXPECT_NEAR(i.low, 0.1333, 1e-4);  // the textbook value
    EXPECT_NEAR(i.high, 0.2888, 1e-4);
    const auto none = wilson_interval(0, 0);
    EXPECT_EQ(none.low, 0);
    EXPECT_EQ(none.high, 1);
    EXPECT_EQ(wilson_interval(0, 50).low, 0);
}

TEST(Statistics, ProbabilityBestSumsToOneIsDeterministicAndFindsAClearWinner) {
    const std::vector<VariantCounts> counts{{1000, 50}, {1000, 120}};
    const auto p = probability_best(counts);
    EXPECT_NEAR(p[0] + p[1], 1, 0.01);
    EXPECT_GT(p[1], 0.95);
    EXPECT_EQ(probability_best(counts), p);
    // Two equal variants: about even.
    const auto even = probability_best({{500, 50}, {500, 50}});
    EXPECT_NEAR(even[0], 0.5, 0.05);
    // Four variants; the closed form for two (Evan Miller's sum) agrees with the draws.
    const auto four = probability_best({{300, 30}, {300, 33}, {300, 20}, {300, 10}});
    EXPECT_NEAR(four[0] + four[1] + four[2] + four[3], 1, 0.01);
    const auto lbeta = [](double a, double b) {
        return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
    };
    // P(B > A) for A ~ Beta(a1, b1), B ~ Beta(a2, b2) with integer a2.
    const auto b_beats_a = [&](double a1, double b1, double a2, double b2) {
        double total = 0;
        for (int i = 0; i < static_cast<int>(a2); ++i)
            total += std::exp(lbeta(a1 + i, b1 + b2) - std::log(b2 + i) - lbeta(1 + i, b2) -
                              lbeta(a1, b1));
        return total;
    };
    const auto two = probability_best({{200, 20}, {200, 28}});
    EXPECT_NEAR(two[1], b_beats_a(21, 181, 29, 173), 0.015);
}

TEST(Statistics, SampleRatioMismatchAgainstTheWeights) {
    const auto chi2_p = [](double a, double b, double wa, double wb) {
        const double n = a + b, ea = n * wa / (wa + wb), eb = n * wb / (wa + wb);
        const double x = (a - ea) * (a - ea) / ea + (b - eb) * (b - eb) / eb;
        return std::erfc(std::sqrt(x / 2));
    };
    EXPECT_NEAR(sample_ratio_p_value({{520, 0}, {480, 0}}, {1, 1}), chi2_p(520, 480, 1, 1), 1e-12);
    EXPECT_GT(sample_ratio_p_value({{520, 0}, {480, 0}}, {1, 1}), 0.001);
    EXPECT_LT(sample_ratio_p_value({{600, 0}, {400, 0}}, {1, 1}), 0.001);
    EXPECT_GT(sample_ratio_p_value({{250, 0}, {750, 0}}, {1, 3}), 0.5);
    // Three variants: df 2, the upper tail is exp(-x/2).
    const double x = (400.0 - 300) * (400 - 300) / 300 + 2 * (250.0 - 300) * (250 - 300) / 300;
    EXPECT_NEAR(sample_ratio_p_value({{400, 0}, {250, 0}, {250, 0}}, {1, 1, 1}), std::exp(-x / 2),
                1e-12);
    EXPECT_EQ(sample_ratio_p_value({{0, 0}, {0, 0}}, {1, 1}), 1);
}

TEST(Statistics, RecommendationAndAutoPromote) {
    auto e = experiment_of({1, 1});
    auto few = statistics(e, {{50, 1}, {50, 20}});
    EXPECT_FALSE(few.recommended_winner);  // fewer than 100 views each
    auto clear = statistics(e, {{1000, 50}, {1000, 120}});
    EXPECT_EQ(clear.recommended_winner, "b");
    EXPECT_FALSE(clear.sample_ratio_mismatch);
    EXPECT_NEAR(*clear.variants[1].click_through_rate, 0.12, 1e-12);
    EXPECT_FALSE(auto_promote_winner(e, clear));  // no rule
    e.auto_promote = AutoPromote{2000, 0.95};
    EXPECT_FALSE(auto_promote_winner(e, clear));  // too few views
    e.auto_promote = AutoPromote{1000, 0.95};
    EXPECT_EQ(auto_promote_winner(e, clear), "b");
    auto unclear = statistics(e, {{1000, 100}, {1000, 101}});
    EXPECT_FALSE(unclear.recommended_winner);
    EXPECT_FALSE(auto_promote_winner(e, unclear));
    auto json = to_json(e, &clear);
    EXPECT_EQ(json.at("recommendation"), "winner: b");
    EXPECT_EQ(json.at("variants").as_array()[1].at("views"), 1000);
    EXPECT_EQ(to_json(e, &unclear).at("recommendation"), "keep running");
}

}  // namespace
}  // namespace coursedist::domain
