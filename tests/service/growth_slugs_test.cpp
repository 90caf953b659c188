// Slug suggestions (spec/growth.md) over a real SQLite store: the full and the short slug of a
// title, each free, and the one decision of "free" that generated slugs share (service/slugs.hpp).

#include "service/errors.hpp"
#include "service/growth_service.hpp"
#include "service/slugs.hpp"
#include "service_fixture.hpp"

#include <gmock/gmock.h>

#include <regex>

namespace coursedist::service::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class SlugSuggestions : public ServiceTest {
  protected:
    std::vector<std::string> suggest(std::optional<std::string> title,
                                     std::optional<std::string> language = "de") {
        return growth.suggest_slugs(title, language);
    }

    std::vector<std::string> refused_fields(std::optional<std::string> title,
                                            std::optional<std::string> language) {
        try {
            suggest(std::move(title), std::move(language));
        } catch (const ValidationFailed& failed) {
            std::vector<std::string> fields;
            for (const auto& e : failed.errors()) fields.push_back(e.field);
            return fields;
        }
        ADD_FAILURE() << "not refused";
        return {};
    }

    GrowthService growth{service};
};

TEST_F(SlugSuggestions, TheFullSlugAndTheShortOneWithoutStopWords) {
    EXPECT_THAT(suggest("Sparen für Studenten und Azubis"),
                ElementsAre("sparen-fuer-studenten-und-azubis", "sparen-studenten-azubis"));
    EXPECT_THAT(suggest("The Basics of Saving for Students", "en"),
                ElementsAre("the-basics-of-saving-for-students", "basics-saving-students"));
}

TEST_F(SlugSuggestions, TheShortSlugHasAtMostSixWords) {
    const auto slugs = suggest("Eins zwei drei vier fünf sechs sieben und acht");
    ASSERT_EQ(slugs.size(), 2u);
    EXPECT_EQ(slugs[1], "eins-zwei-drei-vier-fuenf-sechs");
}

TEST_F(SlugSuggestions, EachIsFreeAndTakenOnesGetTheNextSuffix) {
    create_with_slug("sparen-fuer-studenten-und-azubis");
    create_with_slug("sparen-studenten-azubis");
    create_with_slug("sparen-studenten-azubis-2");
    EXPECT_THAT(suggest("Sparen für Studenten und Azubis"),
                ElementsAre("sparen-fuer-studenten-und-azubis-2", "sparen-studenten-azubis-3"));
}

TEST_F(SlugSuggestions, ReservedWordsAreNeverSuggested) {
    EXPECT_THAT(suggest("Catalog", "en"), ElementsAre("catalog-2"));
    auto tx = store->begin_read();
    EXPECT_FALSE(slug_is_free(*tx, "publish"));
    EXPECT_TRUE(slug_is_free(*tx, "publish-2"));
}

TEST_F(SlugSuggestions, OneAnswerWhenTheShortSlugIsTheFullOneOrTooShort) {
    EXPECT_THAT(suggest("Budgetplanung Grundlagen"), ElementsAre("budgetplanung-grundlagen"));
    // Stop words only: no short slug; a title without letters: course- + hex, still free.
    EXPECT_THAT(suggest("für und der"), ElementsAre("fuer-und-der"));
    const auto slugs = suggest("?!?!");
    ASSERT_EQ(slugs.size(), 1u);
    EXPECT_TRUE(std::regex_match(slugs[0], std::regex("course-[0-9a-f]{6}"))) << slugs[0];
}

TEST_F(SlugSuggestions, GeneratedSlugsOfCreateShareTheDecision) {
    const auto suggested = suggest("Sparen für Einsteiger");
    EXPECT_EQ(create("Sparen für Einsteiger").slug, suggested[0]);
    EXPECT_EQ(suggest("Sparen für Einsteiger")[0], "sparen-fuer-einsteiger-2");
}

TEST_F(SlugSuggestions, RefusesAMissingTitleAndABadLanguageTogether) {
    EXPECT_THAT(refused_fields(std::nullopt, "german"), UnorderedElementsAre("title", "language"));
    EXPECT_THAT(refused_fields(std::string(201, 'a'), "de"), ElementsAre("title"));
}

}  // namespace
}  // namespace coursedist::service::testing
