// distribution_from(CreateRequest): what a create request leaves out gets the defaults of SPEC
// section 2; what it gives is kept.

#include "domain/defaults.hpp"
#include "domain/requests.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

CreateRequest minimal(std::string title = "Größe & Übermaß für Anfänger") {
    CreateRequest r;
    r.course_id = "c1";
    r.language = "en";
    r.title = std::move(title);
    r.description = std::string(60, 'd');
    return r;
}

TEST(DistributionFromCreate, DefaultsForWhatIsLeftOut) {
    auto d = distribution_from(minimal(), "abc123");
    EXPECT_EQ(d.course_id, "c1");
    EXPECT_EQ(d.slug, "groesse-uebermass-fuer-anfaenger");
    EXPECT_EQ(d.version, "v1");
    EXPECT_EQ(d.seo, default_seo(d.title, d.description));
    EXPECT_EQ(d.cta, default_cta("en"));
    EXPECT_EQ(d.outline, Outline{});
    EXPECT_TRUE(d.target_group.empty());
    EXPECT_EQ(d.visibility, Visibility::Private);
    EXPECT_TRUE(d.distribution_id.empty());  // assigned by the service
}

TEST(DistributionFromCreate, ATitleWithoutEnoughLettersUsesTheRandomHex) {
    EXPECT_EQ(distribution_from(minimal("?? ab ?? !!"), "abc123").slug, "course-abc123");
}

TEST(DistributionFromCreate, GivenValuesAreKept) {
    auto r = minimal();
    r.slug = "my-own-slug";
    r.version = "v7";
    r.target_group = {"a", "b"};
    r.seo = Seo{"Meta title here", std::string(55, 'm'), {"k"}, std::nullopt, {}};
    r.cta = Cta{"Contact us", CtaAction::Contact, std::nullopt};
    r.outline = Outline{{Module{"m1", "One", "", 1, 5}}, {}, {}};
    auto d = distribution_from(r, "abc123");
    EXPECT_EQ(d.slug, "my-own-slug");
    EXPECT_EQ(d.version, "v7");
    EXPECT_EQ(d.target_group, r.target_group);
    EXPECT_EQ(d.seo, *r.seo);
    EXPECT_EQ(d.cta, *r.cta);
    EXPECT_EQ(d.outline, *r.outline);
}

}  // namespace
}  // namespace coursedist::domain
