// DistributionService::count: views and enrollment clicks (log-view, track-click and the pages),
// by id or by the slug of a readable distribution, each with its own count and event.

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>

namespace coursedist::service {
namespace {

using namespace testing;
using ::testing::ElementsAre;

class Counters : public ServiceTest {};

TEST_F(Counters, AViewByIdCountsOneAndCommitsViewed) {
    auto d = create();  // private: the admin API counts any visibility
    new_events();
    now += 5;

    auto first = service.count(CounterWrite::view(d.distribution_id, "organic_search"), ctx);
    auto second = service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);

    EXPECT_EQ(first, (CounterUpdate{d.distribution_id, d.slug, 1, 0}));
    EXPECT_EQ(second, (CounterUpdate{d.distribution_id, d.slug, 2, 0}));
    EXPECT_EQ(service.get(d.distribution_id).view_count, 2);
    auto events = new_events();
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0].type, "distribution.viewed");
    EXPECT_EQ(events[0].envelope.at("correlation_id"), "req-1");
    EXPECT_EQ(events[0].payload, (boost::json::object{{"distribution_id", d.distribution_id},
                                                      {"slug", d.slug},
                                                      {"view_count", 1},
                                                      {"viewed_at", "2027-01-15T08:00:05.000000Z"},
                                                      {"referrer_category", "organic_search"},
                                                      {"count", 1}}));
    EXPECT_EQ(events[1].payload.at("view_count"), 2);
    EXPECT_TRUE(events[1].payload.at("referrer_category").is_null());
}

TEST_F(Counters, AClickByIdCountsOneAndCommitsEnrollmentClicked) {
    auto d = create();
    new_events();

    auto counted = service.count(CounterWrite::click(d.distribution_id, "open_course"), ctx);

    EXPECT_EQ(counted, (CounterUpdate{d.distribution_id, d.slug, 0, 1}));
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].type, "distribution.enrollment_clicked");
    EXPECT_EQ(events[0].payload, (boost::json::object{{"distribution_id", d.distribution_id},
                                                      {"slug", d.slug},
                                                      {"enrollment_count", 1},
                                                      {"clicked_at", "2027-01-15T08:00:00.000000Z"},
                                                      {"cta_type", "open_course"},
                                                      {"count", 1}}));
}

TEST_F(Counters, ViewsAndClicksAreSeparateCounters) {
    auto d = create();
    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);
    service.count(CounterWrite::click(d.distribution_id, std::nullopt), ctx);
    auto last = service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);
    EXPECT_EQ(last.view_count, 2);
    EXPECT_EQ(last.enrollment_count, 1);
}

TEST_F(Counters, AnUnknownIdIsNotFoundAndCommitsNothing) {
    EXPECT_THROW(service.count(CounterWrite::view("dist_0000000000000000", std::nullopt), ctx),
                 NotFound);
    EXPECT_THROW(service.count(CounterWrite::click("dist_0000000000000000", std::nullopt), ctx),
                 NotFound);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Counters, PagesCountPublicAndUnlistedBySlug) {
    auto published = create_published("sparen-kompakt");
    auto unlisted = create_with_slug("sparen-geheim");
    domain::UpdateRequest request;
    request.visibility = domain::Visibility::Unlisted;
    service.update(unlisted.distribution_id, request, std::nullopt, ctx);
    new_events();

    auto view = service.count(CounterWrite::page_view("sparen-kompakt", "social"), ctx);
    auto click = service.count(CounterWrite::page_click("sparen-geheim", std::nullopt), ctx);

    EXPECT_EQ(view, (CounterUpdate{published.distribution_id, "sparen-kompakt", 1, 0}));
    EXPECT_EQ(click, (CounterUpdate{unlisted.distribution_id, "sparen-geheim", 0, 1}));
    EXPECT_THAT(new_event_types(),
                ElementsAre("distribution.viewed", "distribution.enrollment_clicked"));
}

TEST_F(Counters, PagesDoNotCountPrivateOrUnknownSlugs) {
    auto d = create_with_slug("sparen-privat");
    new_events();

    EXPECT_THROW(service.count(CounterWrite::page_view("sparen-privat", std::nullopt), ctx),
                 NotFound);
    EXPECT_THROW(service.count(CounterWrite::page_click("nirgendwo-kurs", std::nullopt), ctx),
                 NotFound);
    // A page counts by slug only: an id is not a slug.
    EXPECT_THROW(service.count(CounterWrite::page_view(d.distribution_id, std::nullopt), ctx),
                 NotFound);
    EXPECT_EQ(service.get(d.distribution_id).view_count, 0);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Counters, AWriteLeftWithACompletionHandsOverItsOutcome) {
    auto d = create();
    std::promise<Outcome<CounterUpdate>> counted;
    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx,
                  [&counted](Outcome<CounterUpdate> outcome) { counted.set_value(outcome); });
    EXPECT_EQ(counted.get_future().get().get().view_count, 1);

    std::promise<Outcome<CounterUpdate>> missing;
    service.count(CounterWrite::click("dist_0000000000000000", std::nullopt), ctx,
                  [&missing](Outcome<CounterUpdate> outcome) { missing.set_value(outcome); });
    auto outcome = missing.get_future().get();
    EXPECT_THROW(outcome.get(), NotFound);
}

TEST_F(Counters, CountsChangeTheWriteGenerationButNotTheContentGeneration) {
    auto d = create();
    const auto writes = service.write_generation();
    const auto content = service.content_generation();

    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);

    EXPECT_GT(service.write_generation(), writes);
    EXPECT_EQ(service.content_generation(), content);
    domain::UpdateRequest request;
    request.title = "Sparen für Fortgeschrittene";
    service.update(d.distribution_id, request, std::nullopt, ctx);
    EXPECT_GT(service.content_generation(), content);
}

TEST_F(Counters, ProducedEventsAreCountedInTheMetrics) {
    auto d = create();
    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);
    service.count(CounterWrite::view(d.distribution_id, std::nullopt), ctx);
    auto text = metrics.render();
    EXPECT_THAT(text, ::testing::HasSubstr(
                          "coursedist_events_produced_total{type=\"distribution.viewed\"} 2"));
    EXPECT_THAT(text, ::testing::HasSubstr(
                          "coursedist_events_produced_total{type=\"distribution.created\"} 1"));
}

}  // namespace
}  // namespace coursedist::service
