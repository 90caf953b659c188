#include "domain/defaults.hpp"

#include "domain/unicode.hpp"
#include "domain/validation.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

const std::string kDescription =
    "Ein praxisnaher Kurs über Alternativen zu klassischen Banken und Sparkassen, mit "
    "Direktbanken, Genossenschaftsbanken, Neobanken und Kreditvermittlern im ausführlichen "
    "Vergleich für Einsteiger.";

TEST(DefaultSeo, ShortTextIsTakenAsItIs) {
    const Seo seo = default_seo("Python für Anfänger", kDescription.substr(0, 80));
    EXPECT_EQ(seo.meta_title, "Python für Anfänger");
    EXPECT_EQ(seo.meta_description, kDescription.substr(0, 80));
    EXPECT_TRUE(seo.keywords.empty());
    EXPECT_EQ(seo.og_image_url, std::nullopt);
}

TEST(DefaultSeo, TitleIsCutAtAWordBoundaryTo60CodePoints) {
    const std::string title =
        "Größe & Übermaß für Anfänger: ein ausführlicher Einstieg in die Grundlagen der Statik";
    const Seo seo = default_seo(title, kDescription);
    EXPECT_EQ(seo.meta_title, "Größe & Übermaß für Anfänger: ein ausführlicher Einstieg in");
    EXPECT_LE(code_points(seo.meta_title), 60u);
}

TEST(DefaultSeo, DescriptionIsCutAtAWordBoundaryTo160CodePoints) {
    ASSERT_GT(code_points(kDescription), 160u);
    const Seo seo = default_seo("Banken und Alternativen", kDescription);
    EXPECT_LE(code_points(seo.meta_description), 160u);
    EXPECT_GE(code_points(seo.meta_description), 150u);
    EXPECT_EQ(kDescription.find(seo.meta_description), 0u);
    EXPECT_EQ(kDescription[seo.meta_description.size()], ' ');
}

TEST(DefaultSeo, ResultPassesValidation) {
    FieldErrors errors;
    validate_seo(default_seo(std::string(30, 'x') + " " + std::string(100, 'y'),
                             std::string(40, 'a') + " " + std::string(200, 'b')),
                 "seo", errors);
    EXPECT_TRUE(errors.empty());
}

TEST(DefaultSeo, ABoundaryCutThatWouldBeTooShortIsCutHardInstead) {
    // The only word boundary within 60 leaves "Go" (2 < 10 code points).
    const std::string title = "Go " + std::string(80, 'x');
    const Seo seo = default_seo(title, kDescription);
    EXPECT_EQ(seo.meta_title, "Go " + std::string(57, 'x'));
}

TEST(DefaultCta, GermanLabelForGermanLanguages) {
    EXPECT_EQ(default_cta("de").label, "Jetzt starten");
    EXPECT_EQ(default_cta("de-AT").label, "Jetzt starten");
    EXPECT_EQ(default_cta("en").label, "Start now");
    EXPECT_EQ(default_cta("en-US").label, "Start now");
    EXPECT_EQ(default_cta("de").action, CtaAction::OpenCourse);
    EXPECT_EQ(default_cta("en").url, std::nullopt);
}

TEST(IsGerman, OnlyDeAndItsRegions) {
    EXPECT_TRUE(is_german("de"));
    EXPECT_TRUE(is_german("de-CH"));
    EXPECT_FALSE(is_german("en"));
    EXPECT_FALSE(is_german("dk"));
    EXPECT_FALSE(is_german(""));
}

}  // namespace
}  // namespace coursedist::domain
