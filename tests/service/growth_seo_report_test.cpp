// The SEO report (spec/growth.md) over a real SQLite store: suggestions ranked against the
// catalog through the index, which follows the catalog's changes, and the catalog-wide checks.

#include "service/errors.hpp"
#include "service/growth_service.hpp"
#include "service_fixture.hpp"

#include <gmock/gmock.h>

#include <algorithm>

namespace coursedist::service::testing {
namespace {

class SeoReportTest : public ServiceTest {
  protected:
    domain::Distribution course(const std::string& title, const std::string& description,
                                const std::string& course_id,
                                std::vector<std::string> keywords = {}) {
        auto request = create_request(title, course_id);
        request.description = description;
        if (!keywords.empty()) {
            domain::Seo seo;
            seo.meta_title = title;
            seo.meta_description = description;
            seo.keywords = std::move(keywords);
            request.seo = seo;
        }
        return service.create(request, ctx);
    }

    // The position of `keyword` among the suggestions (-1 when absent).
    static int rank(const SeoReport& report, const std::string& keyword) {
        const auto& s = report.keyword_suggestions;
        auto it = std::find_if(s.begin(), s.end(),
                               [&](const domain::KeywordScore& k) { return k.keyword == keyword; });
        return it == s.end() ? -1 : static_cast<int>(it - s.begin());
    }

    static domain::SeoCheck check(const SeoReport& report, std::string_view name) {
        for (const auto& c : report.checks)
            if (c.check == name) return c;
        throw std::runtime_error("no check " + std::string(name));
    }

    static double score(const SeoReport& report, const std::string& keyword) {
        const int at = rank(report, keyword);
        return at < 0 ? -1 : report.keyword_suggestions[static_cast<std::size_t>(at)].score;
    }

    GrowthService growth{service};
};

constexpr const char* kShared =
    "Sparen lernen mit einfachen Schritten für den Alltag und die Zukunft.";

TEST_F(SeoReportTest, ADistinctiveWordInTheTop5AboveTheSharedOne) {
    course("Sparen im Haushalt", kShared, "c1");
    course("Sparen beim Einkaufen", kShared, "c2");
    course("Sparen mit Kindern", kShared, "c3");
    const auto target = course("Sparen mit Kryptowährung", kShared, "c4");
    const auto report = growth.seo_report(target.distribution_id);
    const int distinctive = rank(report, "kryptowährung");
    ASSERT_GE(distinctive, 0);
    EXPECT_LT(distinctive, 5);
    EXPECT_LT(distinctive, rank(report, "sparen"));
    EXPECT_EQ(score(report, "sparen"), 0);  // every course has it
    EXPECT_LE(report.keyword_suggestions.size(), 20u);
    for (const auto& k : report.keyword_suggestions) {
        EXPECT_NE(k.keyword, "für");
        EXPECT_NE(k.keyword, "und");
        EXPECT_NE(k.keyword, "mit");
    }
    // The same data, the same report.
    const auto again = growth.seo_report(target.distribution_id);
    EXPECT_EQ(again.keyword_suggestions, report.keyword_suggestions);
}

TEST_F(SeoReportTest, TheIndexFollowsCreatesUpdatesAndDeletes) {
    const auto target = course("Sparen mit Kryptowährung", kShared, "c1");
    const auto other = course("Sparen im Haushalt", kShared, "c2");
    const double alone = score(growth.seo_report(target.distribution_id), "kryptowährung");
    EXPECT_GT(alone, 0);

    domain::UpdateRequest update;
    update.title = "Sparen mit Kryptowährung im Haushalt";
    service.update(other.distribution_id, update, std::nullopt, ctx);
    EXPECT_EQ(score(growth.seo_report(target.distribution_id), "kryptowährung"), 0);

    course("Sparen beim Einkaufen", kShared, "c3");
    const double three = score(growth.seo_report(target.distribution_id), "kryptowährung");
    EXPECT_GT(three, 0);

    service.remove(other.distribution_id, ctx);
    EXPECT_GT(score(growth.seo_report(target.distribution_id), "kryptowährung"), three);
}

TEST_F(SeoReportTest, DuplicateMetaTitleAcrossTheCatalog) {
    const auto a = course("Sparen für Einsteiger", kShared, "c1");
    const auto b = course("Sparen für Einsteiger", kShared, "c2");  // the same default meta title
    const auto c = course("Budget für Studenten", kShared, "c3");
    const auto duplicate = check(growth.seo_report(a.distribution_id), "duplicate_meta_title");
    EXPECT_FALSE(duplicate.ok);
    EXPECT_THAT(duplicate.message, ::testing::HasSubstr(b.slug));
    EXPECT_TRUE(check(growth.seo_report(c.distribution_id), "duplicate_meta_title").ok);
}

TEST_F(SeoReportTest, CannibalizationOfPublicDistributionsOfTheSameLanguage) {
    const auto a = course("Kryptowährung für Studenten", kShared, "c1", {"Kryptowährung"});
    const auto b = course("Krypto für Rentner", kShared, "c2", {"kryptowährung"});
    EXPECT_TRUE(check(growth.seo_report(a.distribution_id), "keyword_cannibalization").ok)
        << "b is private";
    service.publish(b.distribution_id, ctx);
    const auto cannibalized =
        check(growth.seo_report(a.distribution_id), "keyword_cannibalization");
    EXPECT_FALSE(cannibalized.ok);
    EXPECT_THAT(cannibalized.message, ::testing::HasSubstr(b.slug));

    domain::UpdateRequest english;
    english.language = "en";
    service.update(b.distribution_id, english, std::nullopt, ctx);
    EXPECT_TRUE(check(growth.seo_report(a.distribution_id), "keyword_cannibalization").ok);
}

TEST_F(SeoReportTest, EveryCheckAndAnUnknownDistribution) {
    const auto a = course("Kryptowährung für Studenten", kShared, "c1");
    EXPECT_EQ(growth.seo_report(a.distribution_id).checks.size(), 7u);
    EXPECT_THROW(growth.seo_report("dist_0000000000000000"), NotFound);
}

}  // namespace
}  // namespace coursedist::service::testing
