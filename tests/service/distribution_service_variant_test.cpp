// DistributionService::create_variant, variants, bump_version and changelog: micro-niche variants
// derived from a parent, and versions with their changelog.

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

using namespace testing;
using ::testing::ElementsAre;

domain::VariantRequest for_groups(std::vector<std::string> groups) {
    domain::VariantRequest request;
    request.target_group = std::move(groups);
    return request;
}

class Variants : public ServiceTest {
  protected:
    domain::Distribution parent() {
        auto request = create_request("Python für Anfänger", "course-py");
        request.slug = "python-basics";
        request.target_group = {"studierende"};
        request.outline = three_modules();
        request.version = "v2";
        auto d = service.create(request, ctx);
        service.publish(d.distribution_id, ctx);
        return service.get(d.distribution_id);
    }
};

TEST_F(Variants, TheSlugIsTheParentsPlusTheTargetGroups) {
    auto p = parent();
    auto child =
        service.create_variant(p.distribution_id, for_groups({"data_science", "Lehrer"}), ctx);
    EXPECT_EQ(child.slug, "python-basics-data-science-lehrer");
    EXPECT_EQ(service.get(child.distribution_id).slug, child.slug);
}

TEST_F(Variants, ATakenDerivedSlugIsSuffixed) {
    auto p = parent();
    auto first = service.create_variant(p.distribution_id, for_groups({"lehrer"}), ctx);
    auto second = service.create_variant(p.distribution_id, for_groups({"lehrer"}), ctx);
    auto third = service.create_variant(p.distribution_id, for_groups({"lehrer"}), ctx);
    EXPECT_EQ(first.slug, "python-basics-lehrer");
    EXPECT_EQ(second.slug, "python-basics-lehrer-2");
    EXPECT_EQ(third.slug, "python-basics-lehrer-3");
}

TEST_F(Variants, InheritsFromTheParentAndStartsPrivate) {
    auto p = parent();
    auto child = service.create_variant(p.distribution_id, for_groups({"lehrer"}), ctx);

    EXPECT_NE(child.distribution_id, p.distribution_id);
    EXPECT_EQ(child.derived_from, p.distribution_id);
    EXPECT_EQ(child.course_id, "course-py");
    EXPECT_EQ(child.version, "v2");
    EXPECT_EQ(child.outline, p.outline);
    EXPECT_EQ(child.language, p.language);
    EXPECT_EQ(child.title, p.title);
    EXPECT_EQ(child.seo, p.seo);
    EXPECT_EQ(child.cta, p.cta);
    EXPECT_EQ(child.target_group, (std::vector<std::string>{"lehrer"}));
    EXPECT_EQ(child.visibility, domain::Visibility::Private);
    EXPECT_EQ(child.published_at, std::nullopt);
    EXPECT_EQ(child.created_at, now);
    EXPECT_EQ(service.get(child.distribution_id), child);
}

TEST_F(Variants, ModuleFiltersKeepOnlyTheNamedModules) {
    auto p = parent();
    auto request = for_groups({"lehrer"});
    request.module_filters = std::vector<std::string>{"m3", "m1", "not-there"};
    auto child = service.create_variant(p.distribution_id, request, ctx);

    ASSERT_EQ(child.outline.modules.size(), 2u);
    EXPECT_EQ(child.outline.modules[0].module_id, "m1");
    EXPECT_EQ(child.outline.modules[1].module_id, "m3");
    EXPECT_EQ(child.outline.prerequisites, p.outline.prerequisites);
    EXPECT_EQ(service.get(p.distribution_id).outline.modules.size(), 3u);
}

TEST_F(Variants, OverridesAndARequestedSlugAreTaken) {
    auto p = parent();
    auto request = for_groups({"lehrer"});
    request.slug = "python-fuer-lehrkraefte";
    request.language = "de-AT";
    request.title_override = "Python für Lehrkräfte";
    request.description_override = std::string(60, 'l');
    auto child = service.create_variant(p.distribution_id, request, ctx);

    EXPECT_EQ(child.slug, "python-fuer-lehrkraefte");
    EXPECT_EQ(child.language, "de-AT");
    EXPECT_EQ(child.title, "Python für Lehrkräfte");
    EXPECT_EQ(child.seo.meta_title, "Python für Lehrkräfte");  // regenerated from the override
}

TEST_F(Variants, CommitsCreatedAndMicroNicheCreated) {
    auto p = parent();
    new_events();
    now += 10;
    auto request = for_groups({"lehrer"});
    request.title_override = "Python für Lehrkräfte";
    auto child = service.create_variant(p.distribution_id, request, ctx);

    auto events = new_events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, "distribution.created");
    EXPECT_EQ(text(events[0].payload.at("distribution_id")), child.distribution_id);
    EXPECT_EQ(text(events[0].payload.at("derived_from")), p.distribution_id);
    EXPECT_EQ(events[1].type, "distribution.micro_niche_created");
    EXPECT_EQ(events[1].payload,
              (boost::json::object{{"child_distribution_id", child.distribution_id},
                                   {"parent_distribution_id", p.distribution_id},
                                   {"parent_slug", "python-basics"},
                                   {"child_slug", "python-basics-lehrer"},
                                   {"target_group_override", boost::json::array{"lehrer"}},
                                   {"title_override", "Python für Lehrkräfte"},
                                   {"created_at", "2027-01-15T08:00:10.000000Z"}}));
}

TEST_F(Variants, ATakenRequestedSlugIsAConflict) {
    auto p = parent();
    auto request = for_groups({"lehrer"});
    request.slug = "python-basics";
    new_events();
    EXPECT_THROW(service.create_variant(p.distribution_id, request, ctx), Conflict);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Variants, AnInvalidVariantIsRefusedWithItsFields) {
    auto p = parent();
    auto request = for_groups({std::string(51, 'g')});
    request.title_override = "Kurz";
    new_events();
    try {
        service.create_variant(p.distribution_id, request, ctx);
        FAIL() << "accepted";
    } catch (const ValidationFailed& e) {
        std::vector<std::string> fields;
        for (const auto& error : e.errors()) fields.push_back(error.field);
        EXPECT_THAT(fields, ::testing::IsSupersetOf({"title", "target_group[0]"}));
    }
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Variants, AnUnknownParentIsNotFound) {
    EXPECT_THROW(service.create_variant("dist_0000000000000000", for_groups({"lehrer"}), ctx),
                 NotFound);
    EXPECT_THROW(service.variants("dist_0000000000000000"), NotFound);
}

TEST_F(Variants, VariantsListsTheChildrenOfAParent) {
    auto p = parent();
    auto a = service.create_variant(p.distribution_id, for_groups({"lehrer"}), ctx);
    auto b = service.create_variant(p.distribution_id, for_groups({"eltern"}), ctx);
    // A variant's own variants belong to it, not to the grandparent.
    service.create_variant(a.distribution_id, for_groups({"referendare"}), ctx);

    std::vector<std::string> ids;
    for (const auto& v : service.variants(p.distribution_id)) ids.push_back(v.distribution_id);
    EXPECT_THAT(ids, ::testing::UnorderedElementsAre(a.distribution_id, b.distribution_id));
    EXPECT_TRUE(service.variants(b.distribution_id).empty());
}

class Versions : public ServiceTest {};

TEST_F(Versions, ABumpGoesToTheNextVersionWithAChangelogEntryAndAnEvent) {
    auto d = create();
    new_events();
    now += 100;

    auto bump = service.bump_version(d.distribution_id, "Zwei neue Kapitel", ctx);

    EXPECT_EQ(bump.distribution_id, d.distribution_id);
    EXPECT_EQ(bump.old_version, "v1");
    EXPECT_EQ(bump.new_version, "v2");
    auto stored = service.get(d.distribution_id);
    EXPECT_EQ(stored.version, "v2");
    EXPECT_EQ(stored.updated_at, now);
    auto log = service.changelog(d.distribution_id);
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].version, "v2");
    EXPECT_EQ(log[0].changelog, "Zwei neue Kapitel");
    EXPECT_EQ(log[0].bumped_at, now);

    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "distribution.version_bumped");
    EXPECT_EQ(events[0].payload, (boost::json::object{{"distribution_id", d.distribution_id},
                                                      {"slug", d.slug},
                                                      {"old_version", "v1"},
                                                      {"new_version", "v2"},
                                                      {"bumped_at", "2027-01-15T08:01:40.000000Z"},
                                                      {"changelog", "Zwei neue Kapitel"}}));
}

TEST_F(Versions, TheChangelogKeepsEveryBumpInOrder) {
    auto d = create();
    service.bump_version(d.distribution_id, "Erste Überarbeitung", ctx);
    now += 1;
    auto bump = service.bump_version(d.distribution_id, std::nullopt, ctx);
    EXPECT_EQ(bump.old_version, "v2");
    EXPECT_EQ(bump.new_version, "v3");

    auto log = service.changelog(d.distribution_id);
    ASSERT_EQ(log.size(), 2u);
    EXPECT_EQ(log[0].version, "v2");
    EXPECT_EQ(log[1].version, "v3");
    EXPECT_EQ(log[1].changelog, std::nullopt);
    EXPECT_TRUE(service.changelog(create("Ein zweiter Kurs", "course-2").distribution_id).empty());
}

TEST_F(Versions, AVersionThatCannotGrowIsRefused) {
    auto request = create_request();
    request.version = "v9223372036854775807";
    auto d = service.create(request, ctx);
    new_events();
    try {
        service.bump_version(d.distribution_id, std::nullopt, ctx);
        FAIL() << "bumped";
    } catch (const ValidationFailed& e) {
        ASSERT_EQ(e.errors().size(), 1u);
        EXPECT_EQ(e.errors()[0].field, "version");
    }
    EXPECT_EQ(service.get(d.distribution_id).version, "v9223372036854775807");
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Versions, UnknownIdsAreNotFound) {
    EXPECT_THROW(service.bump_version("dist_0000000000000000", std::nullopt, ctx), NotFound);
    EXPECT_THROW(service.changelog("dist_0000000000000000"), NotFound);
}

}  // namespace
}  // namespace coursedist::service
