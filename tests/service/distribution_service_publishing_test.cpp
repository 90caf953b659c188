// DistributionService::publish, unpublish and remove: the visibility workflow and deletion, with
// the event each commits (and none when nothing changes).

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

using namespace testing;
using ::testing::ElementsAre;

class Publishing : public ServiceTest {};

TEST_F(Publishing, PublishMakesItPublicAndCommitsPublished) {
    auto request = create_request();
    request.target_group = {"studierende"};
    request.seo = domain::Seo{"Sparen für Einsteiger", kDescription, {"sparen", "geld"}, {}, {}};
    auto d = service.create(request, ctx);
    new_events();
    now += 3600;

    auto change = service.publish(d.distribution_id, ctx);

    EXPECT_EQ(change.distribution_id, d.distribution_id);
    EXPECT_EQ(change.visibility, domain::Visibility::Public);
    EXPECT_EQ(change.published_at, now);
    auto stored = service.get(d.distribution_id);
    EXPECT_EQ(stored.visibility, domain::Visibility::Public);
    EXPECT_EQ(stored.published_at, now);
    EXPECT_EQ(stored.updated_at, now);

    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "distribution.published");
    const auto& p = events[0].payload;
    EXPECT_EQ(text(p.at("distribution_id")), d.distribution_id);
    EXPECT_EQ(text(p.at("slug")), d.slug);
    EXPECT_EQ(p.at("course_id"), "course-1");
    EXPECT_EQ(text(p.at("title")), d.title);
    EXPECT_EQ(p.at("language"), "de");
    EXPECT_EQ(p.at("target_group"), (boost::json::array{"studierende"}));
    EXPECT_EQ(p.at("seo"),
              (boost::json::object{{"meta_title", "Sparen für Einsteiger"},
                                   {"meta_description", kDescription},
                                   {"meta_keywords", boost::json::array{"sparen", "geld"}}}));
    EXPECT_EQ(p.at("visibility"), "public");
    EXPECT_EQ(p.at("published_at"), "2027-01-15T09:00:00.000000Z");
}

TEST_F(Publishing, PublishingAgainChangesNothingAndCommitsNoEvent) {
    auto d = create();
    auto first = service.publish(d.distribution_id, ctx);
    new_events();
    now += 3600;

    auto second = service.publish(d.distribution_id, ctx);

    EXPECT_EQ(second.visibility, domain::Visibility::Public);
    EXPECT_EQ(second.published_at, first.published_at);
    EXPECT_EQ(service.get(d.distribution_id).updated_at, kStart);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Publishing, AnUnlistedDistributionCanBePublished) {
    auto d = create();
    domain::UpdateRequest unlisted;
    unlisted.visibility = domain::Visibility::Unlisted;
    service.update(d.distribution_id, unlisted, std::nullopt, ctx);
    new_events();

    EXPECT_EQ(service.publish(d.distribution_id, ctx).visibility, domain::Visibility::Public);
    EXPECT_THAT(new_event_types(), ElementsAre("distribution.published"));
}

TEST_F(Publishing, UnpublishKeepsPublishedAtAndCommitsUnpublished) {
    auto d = create();
    auto published = service.publish(d.distribution_id, ctx);
    new_events();
    now += 3600;

    auto change = service.unpublish(d.distribution_id, ctx);

    EXPECT_EQ(change.visibility, domain::Visibility::Private);
    EXPECT_EQ(change.published_at, published.published_at);
    auto stored = service.get(d.distribution_id);
    EXPECT_EQ(stored.visibility, domain::Visibility::Private);
    EXPECT_EQ(stored.published_at, kStart);
    EXPECT_EQ(stored.updated_at, now);
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "distribution.unpublished");
    EXPECT_EQ(events[0].payload,
              (boost::json::object{{"distribution_id", d.distribution_id},
                                   {"slug", d.slug},
                                   {"unpublished_at", "2027-01-15T09:00:00.000000Z"},
                                   {"reason", "unpublished"}}));
}

TEST_F(Publishing, UnpublishingAPrivateDistributionChangesNothing) {
    auto d = create();
    new_events();
    auto change = service.unpublish(d.distribution_id, ctx);
    EXPECT_EQ(change.visibility, domain::Visibility::Private);
    EXPECT_EQ(change.published_at, std::nullopt);
    EXPECT_TRUE(new_events().empty());

    service.publish(d.distribution_id, ctx);
    service.unpublish(d.distribution_id, ctx);
    new_events();
    service.unpublish(d.distribution_id, ctx);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Publishing, UnpublishingAnUnlistedDistributionIsAnUpdateNotAnUnpublish) {
    // It never left public (it was not public), so no distribution.unpublished.
    auto d = create();
    domain::UpdateRequest unlisted;
    unlisted.visibility = domain::Visibility::Unlisted;
    service.update(d.distribution_id, unlisted, std::nullopt, ctx);
    new_events();

    auto change = service.unpublish(d.distribution_id, ctx);

    EXPECT_EQ(change.visibility, domain::Visibility::Private);
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "distribution.updated");
    EXPECT_THAT(strings_of(events[0].payload.at("updated_fields")), ElementsAre("visibility"));
    EXPECT_EQ(events[0].payload.at("new_values").at("visibility"), "private");
}

TEST_F(Publishing, PublishingAgainAfterUnpublishSetsANewPublishedAt) {
    auto d = create();
    service.publish(d.distribution_id, ctx);
    service.unpublish(d.distribution_id, ctx);
    new_events();
    now += 86400;

    EXPECT_EQ(service.publish(d.distribution_id, ctx).published_at, now);
    EXPECT_THAT(new_event_types(), ElementsAre("distribution.published"));
}

TEST_F(Publishing, UnknownIdsAreNotFound) {
    EXPECT_THROW(service.publish("dist_0000000000000000", ctx), NotFound);
    EXPECT_THROW(service.unpublish("dist_0000000000000000", ctx), NotFound);
    EXPECT_THROW(service.remove("dist_0000000000000000", ctx), NotFound);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Publishing, RemoveDeletesAndCommitsDeletedByTheActor) {
    auto d = create();
    service.bump_version(d.distribution_id, "Neue Kapitel", ctx);
    new_events();
    now += 60;

    service.remove(d.distribution_id, RequestContext{std::string("req-2"), "ops-token"});

    EXPECT_THROW(service.get(d.distribution_id), NotFound);
    EXPECT_THROW(service.changelog(d.distribution_id), NotFound);
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "distribution.deleted");
    EXPECT_EQ(events[0].envelope.at("correlation_id"), "req-2");
    EXPECT_EQ(events[0].payload, (boost::json::object{{"distribution_id", d.distribution_id},
                                                      {"slug", d.slug},
                                                      {"course_id", "course-1"},
                                                      {"deleted_at", "2027-01-15T08:01:00.000000Z"},
                                                      {"deleted_by", "ops-token"}}));
    // Its slug is free again.
    EXPECT_EQ(create().slug, d.slug);
}

TEST_F(Publishing, RemoveIsRefusedWhileVariantsExist) {
    auto parent = create();
    domain::VariantRequest request;
    request.target_group = {"lehrer"};
    auto child = service.create_variant(parent.distribution_id, request, ctx);
    new_events();

    EXPECT_THROW(service.remove(parent.distribution_id, ctx), Conflict);
    EXPECT_EQ(service.get(parent.distribution_id), parent);
    EXPECT_TRUE(new_events().empty());

    service.remove(child.distribution_id, ctx);
    service.remove(parent.distribution_id, ctx);
    EXPECT_THAT(new_event_types(), ElementsAre("distribution.deleted", "distribution.deleted"));
}

}  // namespace
}  // namespace coursedist::service
