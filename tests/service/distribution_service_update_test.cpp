// DistributionService::update (PUT): every writable field, If-Match, validation and slug
// conflicts, and the events: distribution.updated naming only the fields whose value changed
// (none when nothing did), plus distribution.unpublished when a public distribution leaves public.

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include "domain/etag.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

using namespace testing;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class Update : public ServiceTest {
  protected:
    domain::Distribution update(const std::string& id, const domain::UpdateRequest& request,
                                std::optional<std::string> if_match = std::nullopt) {
        now += 60;
        return service.update(id, request, if_match, ctx);
    }
};

TEST_F(Update, EveryWritableFieldIsReplaced) {
    auto before = create();
    new_events();

    domain::UpdateRequest request;
    request.slug = "geld-sparen-leicht";
    request.language = "en";
    request.title = "Saving money made easy";
    request.description = std::string(80, 'x');
    request.target_group = {"students"};
    request.seo = domain::Seo{"Saving money made easy", std::string(60, 'm'), {"saving"}, {}, {}};
    request.cta = domain::Cta{"Contact us", domain::CtaAction::Contact, std::nullopt};
    request.outline = three_modules();
    request.visibility = domain::Visibility::Unlisted;
    auto after = update(before.distribution_id, request);

    EXPECT_EQ(after.slug, *request.slug);
    EXPECT_EQ(after.language, "en");
    EXPECT_EQ(after.title, *request.title);
    EXPECT_EQ(after.description, *request.description);
    EXPECT_EQ(after.target_group, *request.target_group);
    EXPECT_EQ(after.seo, *request.seo);
    EXPECT_EQ(after.cta, *request.cta);
    EXPECT_EQ(after.outline, *request.outline);
    EXPECT_EQ(after.visibility, domain::Visibility::Unlisted);
    EXPECT_EQ(after.updated_at, now);
    EXPECT_EQ(after.created_at, before.created_at);
    EXPECT_EQ(after.course_id, before.course_id);
    EXPECT_EQ(after.version, before.version);
    EXPECT_EQ(service.get(before.distribution_id), after);

    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);  // private → unlisted never was public: no unpublished
    EXPECT_EQ(events[0].type, "distribution.updated");
    const auto& payload = events[0].payload;
    EXPECT_EQ(text(payload.at("distribution_id")), before.distribution_id);
    EXPECT_THAT(strings_of(payload.at("updated_fields")),
                ElementsAre("slug", "language", "title", "description", "target_group", "seo",
                            "cta", "visibility", "outline"));  // the model's field order
    EXPECT_EQ(payload.at("old_values").at("slug"), "sparen-fuer-einsteiger");
    EXPECT_EQ(payload.at("new_values").at("slug"), "geld-sparen-leicht");
    EXPECT_EQ(payload.at("old_values").at("visibility"), "private");
    EXPECT_EQ(payload.at("new_values").at("visibility"), "unlisted");
    EXPECT_EQ(payload.at("new_values").at("cta").at("action"), "contact");
    EXPECT_EQ(payload.at("updated_at"), "2027-01-15T08:01:00.000000Z");
}

TEST_F(Update, AbsentFieldsKeepTheirValues) {
    auto before = create();
    new_events();

    domain::UpdateRequest request;
    request.title = "Sparen für Fortgeschrittene";
    auto after = update(before.distribution_id, request);

    auto expected = before;
    expected.title = "Sparen für Fortgeschrittene";
    expected.updated_at = now;
    EXPECT_EQ(after, expected);
    // The slug and SEO generated on create stay as they were: a PUT regenerates nothing.
    EXPECT_EQ(after.slug, before.slug);
    EXPECT_EQ(after.seo, before.seo);
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_THAT(strings_of(events[0].payload.at("updated_fields")), ElementsAre("title"));
    EXPECT_EQ(events[0].payload.at("old_values"),
              (boost::json::object{{"title", "Sparen für Einsteiger"}}));
    EXPECT_EQ(events[0].payload.at("new_values"),
              (boost::json::object{{"title", "Sparen für Fortgeschrittene"}}));
}

TEST_F(Update, SameValuesChangeNothingAndEmitNoEvent) {
    auto before = create();
    new_events();

    domain::UpdateRequest request;
    request.title = before.title;
    request.seo = before.seo;
    request.visibility = before.visibility;
    auto after = update(before.distribution_id, request);

    EXPECT_EQ(after, before);
    EXPECT_EQ(service.get(before.distribution_id).updated_at, kStart);
    EXPECT_TRUE(new_events().empty());
    // An empty PUT is the same: nothing to change.
    EXPECT_EQ(update(before.distribution_id, domain::UpdateRequest{}), before);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Update, OnlyTheFieldsWhoseValueChangedAreNamed) {
    auto before = create();
    new_events();

    domain::UpdateRequest request;
    request.title = before.title;                // same
    request.language = before.language;          // same
    request.description = std::string(90, 'n');  // changed
    update(before.distribution_id, request);

    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_THAT(strings_of(events[0].payload.at("updated_fields")), ElementsAre("description"));
    EXPECT_EQ(events[0].payload.at("old_values").as_object().size(), 1u);
}

TEST_F(Update, IfMatchWithTheCurrentEtagOrAStarIsAccepted) {
    auto d = create();
    domain::UpdateRequest request;
    request.title = "Sparen für Fortgeschrittene";
    auto after = update(d.distribution_id, request, domain::admin_etag(d));
    EXPECT_EQ(after.title, *request.title);

    request.title = "Sparen für Profis und Neugierige";
    EXPECT_EQ(update(d.distribution_id, request, "*").title, *request.title);
}

TEST_F(Update, IfMatchWithAStaleEtagIsPreconditionFailedAndChangesNothing) {
    auto d = create();
    const auto read_etag = domain::admin_etag(d);
    domain::UpdateRequest first;
    first.title = "Sparen für Fortgeschrittene";
    update(d.distribution_id, first, read_etag);
    new_events();

    domain::UpdateRequest second;
    second.description = std::string(70, 'z');
    EXPECT_THROW(update(d.distribution_id, second, read_etag), PreconditionFailed);
    EXPECT_THROW(update(d.distribution_id, second, "\"0000000000000000\""), PreconditionFailed);
    EXPECT_EQ(service.get(d.distribution_id).description, d.description);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Update, TheEtagFollowsCounters) {
    // The admin representation includes the counters, so a counted view makes an older read
    // stale too.
    auto d = create();
    const auto read_etag = domain::admin_etag(service.get(d.distribution_id));
    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);
    domain::UpdateRequest request;
    request.title = "Sparen für Fortgeschrittene";
    EXPECT_THROW(update(d.distribution_id, request, read_etag), PreconditionFailed);
}

TEST_F(Update, InvalidValuesAreRefusedTogether) {
    auto d = create();
    new_events();

    domain::UpdateRequest request;
    request.title = "Kurz";
    request.language = "deutsch";
    request.slug = "Bad Slug";
    request.target_group = std::vector<std::string>{""};
    try {
        update(d.distribution_id, request);
        FAIL() << "accepted";
    } catch (const ValidationFailed& e) {
        std::vector<std::string> fields;
        for (const auto& error : e.errors()) fields.push_back(error.field);
        EXPECT_THAT(fields, UnorderedElementsAre("title", "language", "slug", "target_group[0]"));
    }
    EXPECT_EQ(service.get(d.distribution_id), d);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Update, ASlugTakenByAnotherIsAConflictAndAReservedOneIsRefused) {
    auto d = create_with_slug("sparen-kompakt");
    create_with_slug("sparen-intensiv");
    new_events();

    domain::UpdateRequest request;
    request.slug = "sparen-intensiv";
    EXPECT_THROW(update(d.distribution_id, request), Conflict);
    request.slug = "catalog";
    EXPECT_THROW(update(d.distribution_id, request), ValidationFailed);
    EXPECT_TRUE(new_events().empty());
    request.slug = "sparen-neu";
    EXPECT_EQ(update(d.distribution_id, request).slug, "sparen-neu");
    // The old slug stays reserved for it (it redirects there) until released.
    EXPECT_THROW(create_with_slug("sparen-kompakt"), Conflict);
    service.release_old_slug(d.distribution_id, "sparen-kompakt");
    EXPECT_EQ(create_with_slug("sparen-kompakt").slug, "sparen-kompakt");
}

TEST_F(Update, PuttingAPublicDistributionToPrivateAlsoUnpublishesIt) {
    auto d = create_published("sparen-kompakt");
    new_events();

    domain::UpdateRequest request;
    request.visibility = domain::Visibility::Private;
    auto after = update(d.distribution_id, request);

    EXPECT_EQ(after.visibility, domain::Visibility::Private);
    EXPECT_EQ(after.published_at, d.published_at);
    auto events = new_events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, "distribution.updated");
    EXPECT_THAT(strings_of(events[0].payload.at("updated_fields")), ElementsAre("visibility"));
    EXPECT_EQ(events[1].type, "distribution.unpublished");
    EXPECT_EQ(text(events[1].payload.at("distribution_id")), d.distribution_id);
    EXPECT_EQ(events[1].payload.at("slug"), "sparen-kompakt");
    EXPECT_EQ(events[1].payload.at("reason"), "visibility_changed");
    EXPECT_EQ(events[1].payload.at("unpublished_at"), "2027-01-15T08:01:00.000000Z");
}

TEST_F(Update, PuttingAPublicDistributionToUnlistedAlsoUnpublishesIt) {
    auto d = create_published("sparen-kompakt");
    new_events();

    domain::UpdateRequest request;
    request.visibility = domain::Visibility::Unlisted;
    update(d.distribution_id, request);

    EXPECT_THAT(new_event_types(), ElementsAre("distribution.updated", "distribution.unpublished"));
    EXPECT_EQ(service.count_public(), 0);
}

TEST_F(Update, OtherChangesOfAPublicDistributionDoNotUnpublishIt) {
    auto d = create_published("sparen-kompakt");
    new_events();

    domain::UpdateRequest request;
    request.title = "Sparen für Fortgeschrittene";
    auto after = update(d.distribution_id, request);

    EXPECT_EQ(after.visibility, domain::Visibility::Public);
    EXPECT_THAT(new_event_types(), ElementsAre("distribution.updated"));
}

// Publishing sets published_at and emits distribution.published: only publish() does that.
TEST_F(Update, VisibilityPublicIsRefusedAndChangesNothing) {
    auto before = create();
    new_events();
    domain::UpdateRequest request;
    request.visibility = domain::Visibility::Public;
    request.title = "Sparen für Fortgeschrittene";
    EXPECT_THROW(update(before.distribution_id, request), ValidationFailed);
    EXPECT_EQ(service.get(before.distribution_id).visibility, domain::Visibility::Private);
    EXPECT_TRUE(new_event_types().empty());
}

TEST_F(Update, AnUnknownIdIsNotFound) {
    domain::UpdateRequest request;
    request.title = "Sparen für Fortgeschrittene";
    EXPECT_THROW(update("dist_0000000000000000", request), NotFound);
}

}  // namespace
}  // namespace coursedist::service
