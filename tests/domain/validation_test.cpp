#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace coursedist::domain {
namespace {

Distribution valid_distribution() {
    Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.course_id = "course-42";
    d.slug = "python-basics";
    d.language = "de";
    d.title = "Python für Anfänger";
    d.description = std::string(60, 'd');
    d.target_group = {"Studierende", "Berufseinsteiger"};
    d.seo.meta_title = "Python lernen";
    d.seo.meta_description = std::string(80, 'm');
    d.seo.keywords = {"python"};
    d.seo.og_image_url = "https://example.com/og.png";
    d.seo.hreflang_alternates = {{"en", "https://example.com/en/python-basics"}};
    d.cta.label = "Jetzt starten";
    d.outline.modules = {Module{"m1", "Einführung", "", 3, 45}};
    d.outline.prerequisites = {"Neugier"};
    d.outline.learning_outcomes = {"Variablen verstehen"};
    return d;
}

std::vector<std::string> fields(const FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

bool has_field(const FieldErrors& errors, std::string_view field) {
    return std::ranges::any_of(errors, [&](const FieldError& e) { return e.field == field; });
}

TEST(Validate, AValidDistributionHasNoErrors) {
    EXPECT_TRUE(validate(valid_distribution()).empty());
}

TEST(Validate, UnassignedIdIsAccepted) {
    Distribution d = valid_distribution();
    d.distribution_id.clear();
    EXPECT_TRUE(validate(d).empty());
}

TEST(Validate, ReportsEveryFailingFieldAtOnce) {
    Distribution d = valid_distribution();
    d.title = "short";
    d.seo.meta_title = "tiny";
    d.target_group = {"ok", ""};
    d.outline.modules[0].title = "";
    EXPECT_EQ(fields(validate(d)),
              (std::vector<std::string>{"title", "target_group[1]", "seo.meta_title",
                                        "outline.modules[0].title"}));
}

TEST(Validate, MessagesAreHuman) {
    Distribution d = valid_distribution();
    d.title = "short";
    const auto errors = validate(d);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, "must be 10-200 characters (got 5)");
}

TEST(Validate, DistributionIdAndDerivedFrom) {
    Distribution d = valid_distribution();
    d.distribution_id = "dist_0123456789ABCDEF";
    d.derived_from = "parent";
    EXPECT_EQ(fields(validate(d)), (std::vector<std::string>{"distribution_id", "derived_from"}));
    d = valid_distribution();
    d.derived_from = "dist_fedcba9876543210";
    EXPECT_TRUE(validate(d).empty());
}

TEST(Validate, CourseIdIs1To100) {
    Distribution d = valid_distribution();
    d.course_id = "";
    EXPECT_TRUE(has_field(validate(d), "course_id"));
    d.course_id = std::string(100, 'c');
    EXPECT_TRUE(validate(d).empty());
    d.course_id = std::string(101, 'c');
    EXPECT_TRUE(has_field(validate(d), "course_id"));
}

TEST(Validate, SlugLengthPatternAndReservedWords) {
    Distribution d = valid_distribution();
    for (std::string bad : {"abcd", "Python-Basics", "python--basics", "python_basics", "catalog",
                            "create", "health", "events"}) {
        d.slug = bad;
        EXPECT_TRUE(has_field(validate(d), "slug")) << bad;
    }
    d.slug = std::string(101, 'a');
    EXPECT_TRUE(has_field(validate(d), "slug"));
    d.slug = std::string(100, 'a');
    EXPECT_TRUE(validate(d).empty());
    d.slug = "abcde";
    EXPECT_TRUE(validate(d).empty());
}

TEST(Validate, Language) {
    for (const char* ok : {"de", "en", "de-DE", "en-US"}) EXPECT_TRUE(is_valid_language(ok)) << ok;
    for (const char* bad : {"", "d", "DE", "deu", "de-de", "de_DE", "de-DEU", "de-"})
        EXPECT_FALSE(is_valid_language(bad)) << bad;
    Distribution d = valid_distribution();
    d.language = "german";
    EXPECT_TRUE(has_field(validate(d), "language"));
}

TEST(Validate, TitleCountsCodePoints) {
    Distribution d = valid_distribution();
    d.title = "ÄÖÜäöüßÄÖ";  // 9 code points, 18 bytes
    EXPECT_TRUE(has_field(validate(d), "title"));
    d.title = "ÄÖÜäöüßÄÖÜ";  // 10 code points
    EXPECT_TRUE(validate(d).empty());
    d.title = std::string(200, 't');
    EXPECT_TRUE(validate(d).empty());
    d.title = std::string(201, 't');
    EXPECT_TRUE(has_field(validate(d), "title"));
}

TEST(Validate, DescriptionIs50To1000) {
    Distribution d = valid_distribution();
    d.description = std::string(49, 'd');
    EXPECT_TRUE(has_field(validate(d), "description"));
    d.description = std::string(1000, 'd');
    EXPECT_TRUE(validate(d).empty());
    d.description = std::string(1001, 'd');
    EXPECT_TRUE(has_field(validate(d), "description"));
}

TEST(Validate, InvalidUtf8IsReported) {
    Distribution d = valid_distribution();
    d.description = std::string(60, 'd') + "\xFF";
    const auto errors = validate(d);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0], (FieldError{"description", "invalid UTF-8"}));
}

TEST(Validate, TargetGroupEntriesAndCap) {
    Distribution d = valid_distribution();
    d.target_group = {};
    EXPECT_TRUE(validate(d).empty());
    d.target_group = {std::string(50, 'g'), std::string(51, 'g')};
    EXPECT_EQ(fields(validate(d)), std::vector<std::string>{"target_group[1]"});
    d.target_group = std::vector<std::string>(21, "Gruppe");
    const auto errors = validate(d);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "target_group");
    EXPECT_NE(errors[0].message.find("at most 20"), std::string::npos);
    d.target_group = std::vector<std::string>(20, "Gruppe");
    EXPECT_TRUE(validate(d).empty());
}

TEST(Validate, Version) {
    Distribution d = valid_distribution();
    d.version = "v0";
    EXPECT_TRUE(has_field(validate(d), "version"));
    d.version = "v12";
    EXPECT_TRUE(validate(d).empty());
}

TEST(Validate, CountersAreNotNegative) {
    Distribution d = valid_distribution();
    d.view_count = -1;
    d.enrollment_count = -1;
    EXPECT_EQ(fields(validate(d)), (std::vector<std::string>{"view_count", "enrollment_count"}));
}

TEST(ValidateSeo, LengthsAndKeywords) {
    Seo seo = valid_distribution().seo;
    seo.meta_title = std::string(61, 't');
    seo.meta_description = std::string(161, 'd');
    seo.keywords = std::vector<std::string>(11, "k");
    seo.keywords[3] = "";
    seo.keywords[4] = std::string(51, 'k');
    FieldErrors errors;
    validate_seo(seo, "seo", errors);
    EXPECT_EQ(fields(errors),
              (std::vector<std::string>{"seo.meta_title", "seo.meta_description", "seo.keywords",
                                        "seo.keywords[3]", "seo.keywords[4]"}));
}

TEST(ValidateSeo, LowerBounds) {
    Seo seo = valid_distribution().seo;
    seo.meta_title = std::string(9, 't');
    seo.meta_description = std::string(49, 'd');
    FieldErrors errors;
    validate_seo(seo, "", errors);
    EXPECT_EQ(fields(errors), (std::vector<std::string>{"meta_title", "meta_description"}));
}

TEST(ValidateSeo, UrlsAndAlternates) {
    Seo seo = valid_distribution().seo;
    seo.og_image_url = "/og.png";
    seo.hreflang_alternates = {{"en", "ftp://example.com"},
                               {"english", "https://example.com/en"},
                               {"fr-FR", "https://example.fr/"}};
    FieldErrors errors;
    validate_seo(seo, "seo", errors);
    EXPECT_EQ(fields(errors),
              (std::vector<std::string>{"seo.og_image_url", "seo.hreflang_alternates.en",
                                        "seo.hreflang_alternates.english"}));
}

TEST(Url, AbsoluteHttpUrls) {
    for (const char* ok :
         {"http://example.com", "https://example.com/a?b=c#d", "HTTPS://x.org",
          "https://user@host.example:8443/path", "http://[::1]:8080/", "https://bücher.de/"})
        EXPECT_TRUE(is_absolute_http_url(ok)) << ok;
    for (const char* bad :
         {"", "example.com", "/relative", "ftp://example.com", "https://", "https:///path",
          "https://exa mple.com", "https://host:/", "https://host:80a/", "javascript:alert(1)",
          "https://x.org/\"><script>", "http://:80/", "https://.example.com"})
        EXPECT_FALSE(is_absolute_http_url(bad)) << bad;
}

TEST(Url, LengthIsCapped) {
    Cta cta{"Jetzt starten", CtaAction::Custom, "https://example.com/" + std::string(2100, 'a')};
    FieldErrors errors;
    validate_cta(cta, "cta", errors);
    EXPECT_EQ(fields(errors), std::vector<std::string>{"cta.url"});
}

TEST(ValidateCta, LabelLength) {
    FieldErrors errors;
    validate_cta(Cta{"Los!", CtaAction::OpenCourse, std::nullopt}, "cta", errors);
    validate_cta(Cta{std::string(51, 'l'), CtaAction::OpenCourse, std::nullopt}, "cta", errors);
    validate_cta(Cta{"Start", CtaAction::OpenCourse, std::nullopt}, "cta", errors);
    EXPECT_EQ(fields(errors), (std::vector<std::string>{"cta.label", "cta.label"}));
}

TEST(ValidateCta, CustomActionNeedsAUrl) {
    FieldErrors errors;
    validate_cta(Cta{"Anmelden", CtaAction::Custom, std::nullopt}, "cta", errors);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "cta.url");
    errors.clear();
    validate_cta(Cta{"Anmelden", CtaAction::Custom, "https://example.com/signup"}, "cta", errors);
    validate_cta(Cta{"Anmelden", CtaAction::Contact, std::nullopt}, "cta", errors);
    EXPECT_TRUE(errors.empty());
    validate_cta(Cta{"Anmelden", CtaAction::Contact, "mailto:x@example.com"}, "cta", errors);
    EXPECT_EQ(fields(errors), std::vector<std::string>{"cta.url"});
}

TEST(ValidateOutline, ModuleFields) {
    Outline outline;
    outline.modules = {
        Module{"", std::string(201, 't'), std::string(2001, 'd'), -1, -5},
        Module{std::string(101, 'i'), "ok", std::string(2000, 'd'), 1'000'001, 1'000'000}};
    FieldErrors errors;
    validate_outline(outline, "outline", errors);
    EXPECT_EQ(fields(errors), (std::vector<std::string>{
                                  "outline.modules[0].module_id",
                                  "outline.modules[0].title",
                                  "outline.modules[0].description",
                                  "outline.modules[0].chapter_count",
                                  "outline.modules[0].estimated_duration_minutes",
                                  "outline.modules[1].module_id",
                                  "outline.modules[1].chapter_count",
                              }));
}

TEST(ValidateOutline, ListsAreCappedAt100AndEntriesAre1To500) {
    Outline outline;
    outline.modules = std::vector<Module>(101, Module{"m", "Modul", "", 1, 1});
    outline.prerequisites = std::vector<std::string>(101, "p");
    outline.learning_outcomes = {"", std::string(501, 'o'), std::string(500, 'o')};
    FieldErrors errors;
    validate_outline(outline, "outline", errors);
    EXPECT_EQ(fields(errors), (std::vector<std::string>{"outline.modules", "outline.prerequisites",
                                                        "outline.learning_outcomes[0]",
                                                        "outline.learning_outcomes[1]"}));
}

TEST(ValidateOutline, EmptyOutlineIsValid) {
    FieldErrors errors;
    validate_outline(Outline{}, "outline", errors);
    EXPECT_TRUE(errors.empty());
}

TEST(DistributionId, Format) {
    EXPECT_TRUE(is_valid_distribution_id("dist_0123456789abcdef"));
    EXPECT_FALSE(is_valid_distribution_id("dist_0123456789abcde"));
    EXPECT_FALSE(is_valid_distribution_id("dist_0123456789abcdeg"));
    EXPECT_FALSE(is_valid_distribution_id("dist-0123456789abcdef"));
}

}  // namespace
}  // namespace coursedist::domain
