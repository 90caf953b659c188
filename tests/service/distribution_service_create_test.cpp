// DistributionService::create: defaults, generated and requested slugs, validation, and the
// distribution.created event committed with it.

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include "domain/defaults.hpp"
#include "domain/validation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

namespace coursedist::service {
namespace {

using namespace testing;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAreArray;

std::vector<std::string> fields_of(const ValidationFailed& e) {
    std::vector<std::string> fields;
    for (const auto& error : e.errors()) fields.push_back(error.field);
    return fields;
}

class Create : public ServiceTest {};

TEST_F(Create, FillsInWhatTheRequestLeavesOut) {
    auto d = create();

    EXPECT_TRUE(domain::is_valid_distribution_id(d.distribution_id)) << d.distribution_id;
    EXPECT_EQ(d.slug, "sparen-fuer-einsteiger");
    EXPECT_EQ(d.version, "v1");
    EXPECT_EQ(d.visibility, domain::Visibility::Private);
    EXPECT_TRUE(d.target_group.empty());
    EXPECT_EQ(d.seo, domain::default_seo(d.title, d.description));
    EXPECT_EQ(d.cta, domain::default_cta("de"));
    EXPECT_EQ(d.cta.label, "Jetzt starten");
    EXPECT_EQ(d.outline, domain::Outline{});
    EXPECT_EQ(d.derived_from, std::nullopt);
    EXPECT_EQ(d.published_at, std::nullopt);
    EXPECT_EQ(d.view_count, 0);
    EXPECT_EQ(d.enrollment_count, 0);
    EXPECT_EQ(d.created_at, kStart);
    EXPECT_EQ(d.updated_at, kStart);
    EXPECT_EQ(service.get(d.distribution_id), d);
}

TEST_F(Create, KeepsWhatTheRequestGives) {
    auto request = create_request("Saving money for beginners");
    request.language = "en-GB";
    request.slug = "saving-basics";
    request.target_group = {"students", "pensioners"};
    request.version = "v3";
    request.seo = domain::Seo{"Saving money, step by step",
                              std::string(60, 's'),
                              {"money"},
                              "https://img.example.org/a.png",
                              {{"de", "https://example.org/de/sparen"}}};
    request.cta = domain::Cta{"Book a call", domain::CtaAction::Custom, "https://example.org/call"};
    request.outline = three_modules();

    auto d = service.create(request, ctx);

    EXPECT_EQ(d.slug, "saving-basics");
    EXPECT_EQ(d.language, "en-GB");
    EXPECT_EQ(d.target_group, request.target_group);
    EXPECT_EQ(d.version, "v3");
    EXPECT_EQ(d.seo, *request.seo);
    EXPECT_EQ(d.cta, *request.cta);
    EXPECT_EQ(d.outline, *request.outline);
    EXPECT_EQ(service.get(d.distribution_id), d);
}

TEST_F(Create, CommitsOneCreatedEventDescribingIt) {
    auto d = create();

    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    const auto& e = events[0];
    EXPECT_EQ(e.type, "distribution.created");
    EXPECT_EQ(e.envelope.at("source"), "course_distribution");
    EXPECT_EQ(e.envelope.at("correlation_id"), "req-1");
    EXPECT_EQ(e.envelope.at("timestamp"), "2027-01-15T08:00:00.000000Z");
    EXPECT_EQ(text(e.payload.at("distribution_id")), d.distribution_id);
    EXPECT_EQ(e.payload.at("course_id"), "course-1");
    EXPECT_EQ(e.payload.at("slug"), "sparen-fuer-einsteiger");
    EXPECT_EQ(e.payload.at("language"), "de");
    EXPECT_EQ(e.payload.at("title"), "Sparen für Einsteiger");
    EXPECT_EQ(e.payload.at("target_group"), boost::json::array{});
    EXPECT_EQ(e.payload.at("visibility"), "private");
    EXPECT_EQ(e.payload.at("version"), "v1");
    EXPECT_TRUE(e.payload.at("derived_from").is_null());
    EXPECT_EQ(e.payload.at("created_at"), "2027-01-15T08:00:00.000000Z");
}

TEST_F(Create, ATakenGeneratedSlugGetsTheNextFreeSuffix) {
    auto first = create("Sparen für Einsteiger", "course-1");
    auto second = create("Sparen für Einsteiger", "course-2");
    auto third = create("Sparen  für  Einsteiger!", "course-3");

    EXPECT_EQ(first.slug, "sparen-fuer-einsteiger");
    EXPECT_EQ(second.slug, "sparen-fuer-einsteiger-2");
    EXPECT_EQ(third.slug, "sparen-fuer-einsteiger-3");
    service.remove(second.distribution_id, ctx);
    // A freed suffix is used again: the first free candidate wins.
    EXPECT_EQ(create("Sparen für Einsteiger", "course-4").slug, "sparen-fuer-einsteiger-2");
}

TEST_F(Create, ATitleWithTooFewLettersForASlugGetsCoursePlusHex) {
    auto d = create("?!?!?!?! ab ?!?!");
    EXPECT_TRUE(std::regex_match(d.slug, std::regex("course-[0-9a-f]{6}"))) << d.slug;
}

TEST_F(Create, AGeneratedSlugIsNeverAReservedWord) {
    auto d = create("Catalog ?!?!?!");
    EXPECT_EQ(d.slug, "catalog-2");
}

TEST_F(Create, ATakenRequestedSlugIsAConflictAndCommitsNothing) {
    create_with_slug("sparen-kompakt");
    new_events();

    auto request = create_request("Ein anderer Kurs", "course-2");
    request.slug = "sparen-kompakt";
    EXPECT_THROW(service.create(request, ctx), Conflict);
    EXPECT_TRUE(new_events().empty());
    EXPECT_EQ(all_distributions().size(), 1u);
}

TEST_F(Create, ReservedWordsAreRefusedAsSlugs) {
    for (const char* word : {"catalog", "create", "health", "version-bump", "sitemap"}) {
        auto request = create_request();
        request.slug = word;
        try {
            service.create(request, ctx);
            ADD_FAILURE() << word << " was accepted";
        } catch (const ValidationFailed& e) {
            EXPECT_THAT(fields_of(e), ElementsAre("slug")) << word;
        }
    }
    EXPECT_TRUE(new_events().empty());
}

TEST_F(Create, ValidationNamesEveryFailingFieldAndStoresNothing) {
    domain::CreateRequest request;
    request.course_id = "";
    request.language = "german";
    request.title = "Kurz";
    request.description = "Zu kurz.";
    request.slug = "Not A Slug";
    request.version = "1";
    request.target_group = {"ok", ""};
    request.seo = domain::Seo{"short", "also short", {}, "ftp://x", {}};
    request.cta = domain::Cta{"Go", domain::CtaAction::Custom, std::nullopt};
    request.outline = domain::Outline{{domain::Module{"", "Titel", "", -1, 0}}, {}, {}};

    try {
        service.create(request, ctx);
        FAIL() << "accepted";
    } catch (const ValidationFailed& e) {
        EXPECT_THAT(fields_of(e),
                    UnorderedElementsAreArray(std::vector<std::string>{
                        "course_id", "slug", "language", "title", "description", "target_group[1]",
                        "version", "seo.meta_title", "seo.meta_description", "seo.og_image_url",
                        "cta.label", "cta.url", "outline.modules[0].module_id",
                        "outline.modules[0].chapter_count"}));
    }
    EXPECT_TRUE(new_events().empty());
    EXPECT_TRUE(all_distributions().empty());
}

TEST_F(Create, EnglishRequestsGetAnEnglishCallToAction) {
    auto request = create_request("Saving money for beginners");
    request.language = "en";
    EXPECT_EQ(service.create(request, ctx).cta.label, "Start now");
}

}  // namespace
}  // namespace coursedist::service
