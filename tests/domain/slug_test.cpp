#include "domain/slug.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

TEST(SlugPattern, AcceptsLowercaseWordsJoinedByHyphens) {
    EXPECT_TRUE(is_valid_slug_pattern("python-basics"));
    EXPECT_TRUE(is_valid_slug_pattern("abc12"));
}

TEST(SlugPattern, RefusesEverythingElse) {
    EXPECT_FALSE(is_valid_slug_pattern(""));
    EXPECT_FALSE(is_valid_slug_pattern("-abc"));
    EXPECT_FALSE(is_valid_slug_pattern("abc-"));
    EXPECT_FALSE(is_valid_slug_pattern("ab--cd"));
    EXPECT_FALSE(is_valid_slug_pattern("Abc"));
    EXPECT_FALSE(is_valid_slug_pattern("ab_cd"));
    EXPECT_FALSE(is_valid_slug_pattern("ab cd"));
    EXPECT_FALSE(is_valid_slug_pattern("grüße"));
}

TEST(ReservedSlugs, RouteWordsAreReserved) {
    for (const char* word : {"catalog", "create", "health", "events", "variants", "publish",
                             "outline", "changelog", "version-bump", "log-view", "track-click"})
        EXPECT_TRUE(is_reserved_slug(word)) << word;
    EXPECT_FALSE(is_reserved_slug("catalog-2"));
    EXPECT_FALSE(is_reserved_slug("python-basics"));
}

TEST(Slugify, ExamplesOfTheSpec) {
    EXPECT_EQ(slugify("Alternativen zu Banken & Sparkassen", "abcdef"),
              "alternativen-zu-banken-sparkassen");
    EXPECT_EQ(slugify("Größe & Übermaß für Anfänger", "abcdef"),
              "groesse-uebermass-fuer-anfaenger");
    EXPECT_EQ(slugify("Café Crème à la carte", "abcdef"), "cafe-creme-a-la-carte");
}

TEST(Slugify, UpperCaseUmlautsAndCapitalSharpS) {
    EXPECT_EQ(slugify("ÄRGER ÖL ÜBER STRAẞE", "abcdef"), "aerger-oel-ueber-strasse");
}

TEST(Slugify, OtherDiacriticsBecomeTheirBaseLetter) {
    EXPECT_EQ(slugify("Señor Garçon Ørsted Åse", "abcdef"), "senor-garcon-orsted-ase");
    EXPECT_EQ(slugify("Æsop Œuvre Łódź Šťastný", "abcdef"), "aesop-oeuvre-lodz-stastny");
}

TEST(Slugify, DecomposedUmlautsAndAccents) {
    // NFD input: o + U+0308, e + U+0301.
    EXPECT_EQ(slugify("Gro\xCC\x88\xC3\x9F"
                      "e Cafe\xCC\x81",
                      "abcdef"),
              "groesse-cafe");
}

TEST(Slugify, EverythingElseSeparatesAndRunsCollapse) {
    EXPECT_EQ(slugify("  C++ / Rust: __the__ Basics!!  ", "abcdef"), "c-rust-the-basics");
    EXPECT_EQ(slugify("Python 3 \xF0\x9F\x90\x8D für Kinder", "abcdef"), "python-3-fuer-kinder");
    EXPECT_EQ(slugify("a×b÷c dd", "abcdef"), "a-b-c-dd");
}

TEST(Slugify, LongTitlesAreCutAtAWordBoundary) {
    std::string title;
    while (title.size() < 300) title += "Lernen ";
    const std::string slug = slugify(title, "abcdef");
    EXPECT_LE(slug.size(), kSlugMax);
    EXPECT_TRUE(is_valid_slug_pattern(slug));
    EXPECT_EQ(slug.size(), 97u);  // 14 × "lernen" + 13 hyphens; a 15th word would pass 100
    EXPECT_EQ(slug.substr(slug.size() - 6), "lernen");
}

TEST(Slugify, ASingleOverlongWordIsCutHard) {
    const std::string slug = slugify(std::string(150, 'x'), "abcdef");
    EXPECT_EQ(slug, std::string(100, 'x'));
}

TEST(Slugify, ShortResultsFallBackToCoursePlusHex) {
    EXPECT_EQ(slugify("!!", "a1b2c3"), "course-a1b2c3");
    EXPECT_EQ(slugify("Abc", "a1b2c3"), "course-a1b2c3");
    EXPECT_EQ(slugify("日本語", "a1b2c3"), "course-a1b2c3");
    EXPECT_EQ(slugify("Abcde", "a1b2c3"), "abcde");
}

TEST(Slugify, ReservedResultIsTreatedAsTaken) {
    EXPECT_EQ(slugify("Catalog", "abcdef"), "catalog-2");
}

TEST(NormalizeSlug, HasNoFallback) {
    EXPECT_EQ(normalize_slug("!!"), "");
    EXPECT_EQ(normalize_slug("Ab"), "ab");
    EXPECT_EQ(normalize_slug("Catalog"), "catalog");
}

TEST(SlugWithSuffix, AppendsTheCandidateNumber) {
    EXPECT_EQ(slug_with_suffix("python-basics", 2), "python-basics-2");
    EXPECT_EQ(slug_with_suffix("python-basics", 13), "python-basics-13");
}

TEST(SlugWithSuffix, ShortensTheBaseAtAWordBoundaryToStayWithin100) {
    std::string base;
    while (base.size() + 6 <= 96) base += "abcde-";
    base += "abcd";  // 100 characters, ends in a word
    ASSERT_EQ(base.size(), 100u);
    const std::string slug = slug_with_suffix(base, 2);
    EXPECT_LE(slug.size(), kSlugMax);
    EXPECT_TRUE(is_valid_slug_pattern(slug));
    EXPECT_EQ(slug, base.substr(0, 95) + "-2");  // "…-abcde-2": the last word went whole
}

// Found by fuzz/slug_fuzzer (fuzz/regressions/slug): the only word boundary is right after the
// first letter, so a cut there left `f-99`, shorter than a slug may be.
TEST(SlugWithSuffix, CutsALongWordRatherThanLeavingATooShortSlug) {
    const std::string base = "f-" + std::string(98, '7');
    const std::string slug = slug_with_suffix(base, 99);
    EXPECT_GE(slug.size(), kSlugMin);
    EXPECT_LE(slug.size(), kSlugMax);
    EXPECT_TRUE(is_valid_slug_pattern(slug));
    EXPECT_EQ(slug, base.substr(0, 97) + "-99");
}

TEST(ShortSlug, LeavesOutTheStopWordsOfTheLanguage) {
    EXPECT_EQ(short_slug("Größe & Übermaß für Anfänger", "de"), "groesse-uebermass-anfaenger");
    EXPECT_EQ(short_slug("Sparen für Studenten und Azubis", "de-DE"), "sparen-studenten-azubis");
    EXPECT_EQ(short_slug("The Basics of Saving for Students", "en"), "basics-saving-students");
    // English stop words stay in a German title.
    EXPECT_EQ(short_slug("The Basics für Anfänger", "de"), "the-basics-anfaenger");
}

TEST(ShortSlug, AtMostSixWords) {
    EXPECT_EQ(short_slug("eins zwei drei vier fünf sechs sieben acht", "de"),
              "eins-zwei-drei-vier-fuenf-sechs");
}

TEST(ShortSlug, StopWordsOnlyLeaveNothing) {
    EXPECT_EQ(short_slug("für und der", "de"), "");
}

}  // namespace
}  // namespace coursedist::domain
