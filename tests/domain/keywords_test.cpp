// The SEO report's rules: terms of a distribution, their TF-IDF-like ranking, the checks.

#include "domain/keywords.hpp"
#include "domain/stop_words.hpp"

#include "sample_distribution.hpp"

#include <gmock/gmock.h>

namespace coursedist::domain {
namespace {

using ::testing::Contains;
using ::testing::Key;
using ::testing::Not;

Distribution course(std::string title, std::string description) {
    Distribution d;
    d.distribution_id = "dist_0000000000000001";
    d.slug = "kurs";
    d.language = "de";
    d.title = std::move(title);
    d.description = std::move(description);
    d.seo.meta_title = d.title;
    d.seo.meta_description = d.description;
    return d;
}

TEST(DistributionTerms, WordsAndPhrasesWeightedByWhereTheyStand) {
    auto d = course("Kryptowährung für Studenten", "Studenten lernen 2024 das Sparen.");
    d.target_group = {"Studenten"};
    d.outline.modules = {Module{"m1", "Wallets", "Eine Wallet anlegen", 1, 10}};
    d.outline.learning_outcomes = {"Sicher sparen"};
    const auto terms = distribution_terms(d);
    EXPECT_DOUBLE_EQ(terms.at("kryptowährung"), 3);
    EXPECT_DOUBLE_EQ(terms.at("studenten"), 3 + 2 + 1);
    EXPECT_DOUBLE_EQ(terms.at("kryptowährung für studenten"), 3);
    EXPECT_DOUBLE_EQ(terms.at("sparen"), 1 + 1);
    EXPECT_DOUBLE_EQ(terms.at("wallet anlegen"), 1);
    EXPECT_DOUBLE_EQ(terms.at("sicher sparen"), 1);
    // No stop word alone or at a phrase's end, no number, no phrase across punctuation.
    EXPECT_THAT(terms, Not(Contains(Key("für"))));
    EXPECT_THAT(terms, Not(Contains(Key("das"))));
    EXPECT_THAT(terms, Not(Contains(Key("kryptowährung für"))));
    EXPECT_THAT(terms, Not(Contains(Key("2024"))));
    EXPECT_THAT(terms, Not(Contains(Key("studenten studenten"))));
}

TEST(DistributionTerms, NoSingleWordIsAStopWordOfTheLanguage) {
    auto d = course("The Basics of Saving for Students and Parents",
                    "A course about the basics: how to save, and why it is worth it for you.");
    d.language = "en";
    for (const auto& [term, count] : distribution_terms(d)) {
        if (term.find(' ') == std::string::npos) {
            EXPECT_FALSE(is_stop_word(term, "en")) << term;
        }
    }
}

TEST(RankKeywords, ADistinctiveWordRanksAboveOneEveryCourseShares) {
    const TermCounts terms{{"kurs", 4}, {"kryptowährung", 2}, {"sparen", 1}};
    const auto frequency = [](std::string_view term) -> std::int64_t {
        if (term == "kurs") return 100;  // every course
        if (term == "kryptowährung") return 1;
        return 30;
    };
    const auto ranked = rank_keywords(terms, 100, frequency);
    ASSERT_EQ(ranked.size(), 3u);
    EXPECT_EQ(ranked[0].keyword, "kryptowährung");
    EXPECT_NEAR(ranked[0].score, 2 * std::log(101.0 / 2), 1e-4);
    EXPECT_EQ(ranked[1].keyword, "sparen");
    EXPECT_EQ(ranked[2].keyword, "kurs");
    EXPECT_EQ(ranked[2].score, 0);
}

TEST(RankKeywords, DeterministicTiesAndTheLimit) {
    TermCounts terms;
    for (int i = 0; i < 30; ++i) terms["wort" + std::to_string(100 + i)] = 1;
    terms["wort100 wort101"] = 1;
    const auto once = [](std::string_view) -> std::int64_t { return 1; };
    const auto ranked = rank_keywords(terms, 10, once);
    ASSERT_EQ(ranked.size(), 20u);
    EXPECT_EQ(ranked.front().keyword, "wort100");
    EXPECT_EQ(ranked.back().keyword, "wort119");  // single words before phrases of equal score
    EXPECT_EQ(rank_keywords(terms, 10, once), ranked);
}

TEST(RankKeywords, AloneInTheCatalogEveryScoreIsZeroButTheOrderStays) {
    const auto ranked = rank_keywords({{"b", 2}, {"a", 1}}, 1, [](std::string_view) { return 1; });
    ASSERT_EQ(ranked.size(), 2u);
    EXPECT_EQ(ranked[0].keyword, "a");
    EXPECT_EQ(ranked[0].score, 0);
}

TEST(FirstKeyword, TheSeoKeywordElseTheTopSuggestion) {
    auto d = course("Kryptowährung für Studenten", "x");
    EXPECT_EQ(first_keyword(d, {{"studenten", 1}}), "studenten");
    EXPECT_EQ(first_keyword(d, {}), "");
    d.seo.keywords = {"Krypto"};
    EXPECT_EQ(first_keyword(d, {{"studenten", 1}}), "Krypto");
}

const SeoCheck& check(const std::vector<SeoCheck>& checks, std::string_view name) {
    for (const auto& c : checks)
        if (c.check == name) return c;
    throw std::runtime_error("no check " + std::string(name));
}

TEST(SeoChecks, EveryCheckInOrder) {
    auto d = course("Kryptowährung für Studenten", "Kryptowährung erklärt");
    d.slug = "kryptowaehrung-fuer-studenten";
    const auto checks = seo_checks(d, "Kryptowährung", {});
    std::vector<std::string> names;
    for (const auto& c : checks) names.push_back(c.check);
    EXPECT_THAT(names, ::testing::ElementsAre("meta_title_length", "meta_description_length",
                                              "keyword_in_title", "keyword_in_description",
                                              "keyword_in_slug", "duplicate_meta_title",
                                              "keyword_cannibalization"));
    EXPECT_FALSE(check(checks, "meta_title_length").ok);  // 27 characters
    EXPECT_THAT(check(checks, "meta_title_length").message, ::testing::HasSubstr("too short"));
    EXPECT_TRUE(check(checks, "keyword_in_title").ok);
    EXPECT_TRUE(check(checks, "keyword_in_description").ok);
    EXPECT_TRUE(check(checks, "keyword_in_slug").ok);
    EXPECT_TRUE(check(checks, "duplicate_meta_title").ok);
    EXPECT_TRUE(check(checks, "keyword_cannibalization").ok);
}

TEST(SeoChecks, LengthsInTheBestRangeAreOk) {
    auto d = course("t", "d");
    d.seo.meta_title = std::string(55, 'a');
    d.seo.meta_description = std::string(140, 'b');
    const auto checks = seo_checks(d, "x", {});
    EXPECT_TRUE(check(checks, "meta_title_length").ok);
    EXPECT_TRUE(check(checks, "meta_description_length").ok);
    d.seo.meta_description = std::string(161, 'b');
    EXPECT_THAT(check(seo_checks(d, "x", {}), "meta_description_length").message,
                ::testing::HasSubstr("too long"));
}

TEST(SeoChecks, KeywordMissingAndOverlapsWarn) {
    auto d = course("Sparen für Studenten", "Geld zurücklegen");
    d.slug = "sparen-studenten";
    const auto checks =
        seo_checks(d, "Budget", {{"other-course"}, {"budget-kurs", "budget-tipps"}});
    EXPECT_FALSE(check(checks, "keyword_in_title").ok);
    EXPECT_FALSE(check(checks, "keyword_in_description").ok);
    EXPECT_FALSE(check(checks, "keyword_in_slug").ok);
    EXPECT_FALSE(check(checks, "duplicate_meta_title").ok);
    EXPECT_THAT(check(checks, "duplicate_meta_title").message,
                ::testing::HasSubstr("other-course"));
    EXPECT_FALSE(check(checks, "keyword_cannibalization").ok);
    EXPECT_THAT(check(checks, "keyword_cannibalization").message,
                ::testing::HasSubstr("budget-kurs, budget-tipps"));
    EXPECT_FALSE(check(seo_checks(d, "", {}), "keyword_in_title").ok);
}

}  // namespace
}  // namespace coursedist::domain
