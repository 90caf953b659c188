#include "domain/variant.hpp"

#include "domain/defaults.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

Distribution parent() {
    Distribution p;
    p.distribution_id = "dist_0123456789abcdef";
    p.course_id = "course-42";
    p.slug = "python-basics";
    p.language = "de";
    p.title = "Python für Anfänger";
    p.description = std::string(60, 'd');
    p.target_group = {"Studierende"};
    p.version = "v3";
    p.seo.meta_title = "Parent meta title";
    p.seo.meta_description = std::string(70, 'm');
    p.seo.keywords = {"python"};
    p.cta = Cta{"Jetzt starten", CtaAction::Contact, std::nullopt};
    p.visibility = Visibility::Public;
    p.published_at = 1700000000.0;
    p.staging_url = "https://staging.example.com";
    p.staging_deployed_at = "2024-01-01T00:00:00Z";
    p.outline.modules = {Module{"m1", "Eins", "", 1, 10}, Module{"m2", "Zwei", "", 2, 20},
                         Module{"m3", "Drei", "", 3, 30}};
    p.outline.prerequisites = {"Neugier"};
    p.view_count = 10;
    p.enrollment_count = 5;
    p.created_at = 1.0;
    p.updated_at = 2.0;
    return p;
}

VariantRequest request(std::vector<std::string> groups) {
    VariantRequest r;
    r.target_group = std::move(groups);
    return r;
}

TEST(VariantBaseSlug, ParentSlugPlusGroups) {
    EXPECT_EQ(variant_base_slug(parent(), {"freelancer"}), "python-basics-freelancer");
    EXPECT_EQ(variant_base_slug(parent(), {"small_business", "Selbstständige"}),
              "python-basics-small-business-selbststaendige");
    EXPECT_EQ(variant_base_slug(parent(), {"__weird  group__"}), "python-basics-weird-group");
}

TEST(VariantBaseSlug, CutTo100AtABoundary) {
    const std::string slug = variant_base_slug(parent(), std::vector<std::string>(20, "gruppe"));
    EXPECT_LE(slug.size(), 100u);
    EXPECT_EQ(slug.substr(slug.size() - 7), "-gruppe");
}

TEST(DeriveVariant, InheritsFromTheParent) {
    const Distribution v = derive_variant(parent(), request({"freelancer"}));
    const Distribution p = parent();
    EXPECT_EQ(v.course_id, p.course_id);
    EXPECT_EQ(v.version, "v3");
    EXPECT_EQ(v.outline, p.outline);
    EXPECT_EQ(v.derived_from, p.distribution_id);
    EXPECT_EQ(v.target_group, std::vector<std::string>{"freelancer"});
    EXPECT_EQ(v.title, p.title);
    EXPECT_EQ(v.description, p.description);
    EXPECT_EQ(v.language, "de");
    EXPECT_EQ(v.seo, p.seo);
    EXPECT_EQ(v.cta, p.cta);
}

TEST(DeriveVariant, StartsPrivateAndFresh) {
    const Distribution v = derive_variant(parent(), request({"freelancer"}));
    EXPECT_EQ(v.visibility, Visibility::Private);
    EXPECT_EQ(v.published_at, std::nullopt);
    EXPECT_EQ(v.staging_url, std::nullopt);
    EXPECT_EQ(v.staging_deployed_at, std::nullopt);
    EXPECT_EQ(v.view_count, 0);
    EXPECT_EQ(v.enrollment_count, 0);
    EXPECT_TRUE(v.distribution_id.empty());
    EXPECT_TRUE(v.slug.empty());
}

TEST(DeriveVariant, RequestedSlugIsKept) {
    VariantRequest r = request({"freelancer"});
    r.slug = "python-fuer-freelancer";
    EXPECT_EQ(derive_variant(parent(), r).slug, "python-fuer-freelancer");
}

TEST(DeriveVariant, OverridesReplaceAndRegenerateSeo) {
    VariantRequest r = request({"freelancer"});
    r.title_override = "Python für Freelancer und Selbstständige";
    r.description_override = std::string(70, 'f');
    r.language = "en";
    const Distribution v = derive_variant(parent(), r);
    EXPECT_EQ(v.title, *r.title_override);
    EXPECT_EQ(v.description, *r.description_override);
    EXPECT_EQ(v.language, "en");
    EXPECT_EQ(v.seo, default_seo(*r.title_override, *r.description_override));
}

TEST(DeriveVariant, DescriptionOverrideAloneAlsoRegeneratesSeo) {
    VariantRequest r = request({"freelancer"});
    r.description_override = std::string(70, 'f');
    EXPECT_EQ(derive_variant(parent(), r).seo,
              default_seo(parent().title, *r.description_override));
}

TEST(DeriveVariant, RequestSeoAndCtaWin) {
    VariantRequest r = request({"freelancer"});
    r.title_override = "Python für Freelancer";
    r.seo = Seo{"Own meta title", std::string(60, 'o'), {}, std::nullopt, {}};
    r.cta = Cta{"Kontakt aufnehmen", CtaAction::Custom, "https://example.com/kontakt"};
    const Distribution v = derive_variant(parent(), r);
    EXPECT_EQ(v.seo, *r.seo);
    EXPECT_EQ(v.cta, *r.cta);
}

TEST(DeriveVariant, ModuleFiltersKeepOnlyListedModulesInOutlineOrder) {
    VariantRequest r = request({"freelancer"});
    r.module_filters = {"m3", "m1", "unknown"};
    const Distribution v = derive_variant(parent(), r);
    ASSERT_EQ(v.outline.modules.size(), 2u);
    EXPECT_EQ(v.outline.modules[0].module_id, "m1");
    EXPECT_EQ(v.outline.modules[1].module_id, "m3");
    EXPECT_EQ(v.outline.prerequisites, parent().outline.prerequisites);
    EXPECT_EQ(v.outline.total_chapters(), 4);
}

}  // namespace
}  // namespace coursedist::domain
