// DistributionService's reads: get, list (admin listing and public catalog, filters, cursors),
// public_detail (visibility rules, derived_from_slug) and count_public.

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace coursedist::service {
namespace {

using namespace testing;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> slugs_of(const ListResult& result) {
    std::vector<std::string> slugs;
    for (const auto& d : result.items) slugs.push_back(d.slug);
    return slugs;
}

// A ListRequest set member by member (designated initializers warn about the members left out).
struct Listing {
    ListRequest request;
    Listing& admin() {
        request.catalog = false;
        return *this;
    }
    Listing& language(std::string v) {
        request.language = std::move(v);
        return *this;
    }
    Listing& target_group(std::string v) {
        request.target_group = std::move(v);
        return *this;
    }
    Listing& q(std::string v) {
        request.q = std::move(v);
        return *this;
    }
    Listing& visibility(domain::Visibility v) {
        request.visibility = v;
        return *this;
    }
    Listing& cursor(std::optional<std::string> v) {
        request.cursor = std::move(v);
        return *this;
    }
    Listing& limit(int v) {
        request.limit = v;
        return *this;
    }
    operator ListRequest() const { return request; }
};

class Reads : public ServiceTest {
  protected:
    // One second apart, so that creation and publication order are the listing order.
    domain::Distribution add(const std::string& slug, domain::Visibility visibility,
                             std::string language = "de", std::vector<std::string> groups = {}) {
        now += 1;
        auto request = create_request("Kurs mit dem Slug " + slug, "course-" + slug);
        request.slug = slug;
        request.language = language;
        request.target_group = std::move(groups);
        auto d = service.create(request, ctx);
        if (visibility == domain::Visibility::Public) {
            service.publish(d.distribution_id, ctx);
        } else if (visibility == domain::Visibility::Unlisted) {
            domain::UpdateRequest update;
            update.visibility = visibility;
            service.update(d.distribution_id, update, std::nullopt, ctx);
        }
        return service.get(d.distribution_id);
    }
};

TEST_F(Reads, GetReturnsTheStoredDistributionAndUnknownIdsAreNotFound) {
    auto d = add("kurs-eins", domain::Visibility::Private);
    EXPECT_EQ(service.get(d.distribution_id), d);
    EXPECT_THROW(service.get("dist_0000000000000000"), NotFound);
    EXPECT_THROW(service.get(d.slug), NotFound);  // a slug is not an id
}

TEST_F(Reads, TheAdminListingHasEveryVisibilityNewestCreatedFirst) {
    add("kurs-eins", domain::Visibility::Private);
    add("kurs-zwei", domain::Visibility::Public);
    add("kurs-drei", domain::Visibility::Unlisted);

    EXPECT_THAT(slugs_of(service.list(Listing().admin())),
                ElementsAre("kurs-drei", "kurs-zwei", "kurs-eins"));
    EXPECT_THAT(slugs_of(service.list(Listing().admin().visibility(domain::Visibility::Unlisted))),
                ElementsAre("kurs-drei"));
    EXPECT_THAT(slugs_of(service.list(Listing().admin().visibility(domain::Visibility::Private))),
                ElementsAre("kurs-eins"));
}

TEST_F(Reads, TheCatalogHasOnlyPublicNewestPublishedFirst) {
    auto older = add("kurs-eins", domain::Visibility::Public);
    add("kurs-zwei", domain::Visibility::Private);
    add("kurs-drei", domain::Visibility::Unlisted);
    add("kurs-vier", domain::Visibility::Public);
    EXPECT_THAT(slugs_of(service.list(Listing())), ElementsAre("kurs-vier", "kurs-eins"));

    // Publishing again after an unpublish moves a course to the front.
    service.unpublish(older.distribution_id, ctx);
    now += 1;
    service.publish(older.distribution_id, ctx);
    EXPECT_THAT(slugs_of(service.list(Listing())), ElementsAre("kurs-eins", "kurs-vier"));
}

TEST_F(Reads, FiltersByLanguageTargetGroupAndText) {
    add("kurs-eins", domain::Visibility::Public, "de", {"lehrer", "eltern"});
    add("kurs-zwei", domain::Visibility::Public, "en", {"lehrer"});
    auto request = create_request("Größe und Übermaß verstehen", "course-drei");
    request.slug = "kurs-drei";
    now += 1;
    service.publish(service.create(request, ctx).distribution_id, ctx);

    EXPECT_THAT(slugs_of(service.list(Listing().language("en"))), ElementsAre("kurs-zwei"));
    EXPECT_THAT(slugs_of(service.list(Listing().target_group("lehrer"))),
                ElementsAre("kurs-zwei", "kurs-eins"));
    EXPECT_THAT(slugs_of(service.list(Listing().language("de").target_group("eltern"))),
                ElementsAre("kurs-eins"));
    // Case-insensitive, umlauts included, in the title or the description.
    EXPECT_THAT(slugs_of(service.list(Listing().q("ÜBERMAß"))), ElementsAre("kurs-drei"));
    EXPECT_THAT(slugs_of(service.list(Listing().q("größe"))), ElementsAre("kurs-drei"));
    EXPECT_THAT(slugs_of(service.list(Listing().q("SCHRITT FÜR"))),
                ElementsAre("kurs-drei", "kurs-zwei", "kurs-eins"));
    EXPECT_THAT(slugs_of(service.list(Listing().q("nirgends"))), IsEmpty());
    // An empty text filters nothing.
    EXPECT_EQ(service.list(Listing().q("")).items.size(), 3u);
    // The admin listing filters the same way.
    EXPECT_THAT(slugs_of(service.list(Listing().admin().language("en"))), ElementsAre("kurs-zwei"));
}

TEST_F(Reads, CursorsPageThroughEveryItemOnce) {
    for (const char* slug : {"kurs-eins", "kurs-zwei", "kurs-drei", "kurs-vier", "kurs-fuenf"})
        add(slug, domain::Visibility::Public);

    for (bool catalog : {true, false}) {
        std::vector<std::string> seen;
        ListRequest request = Listing().limit(2);
        request.catalog = catalog;
        int pages = 0;
        while (true) {
            auto page = service.list(request);
            ++pages;
            EXPECT_LE(page.items.size(), 2u);
            for (auto& slug : slugs_of(page)) seen.push_back(slug);
            if (!page.next_cursor) break;
            request.cursor = page.next_cursor;
            ASSERT_LE(pages, 5) << "the cursor does not advance";
        }
        EXPECT_THAT(seen,
                    ElementsAre("kurs-fuenf", "kurs-vier", "kurs-drei", "kurs-zwei", "kurs-eins"))
            << (catalog ? "catalog" : "admin");
        EXPECT_EQ(pages, 3);
    }
}

TEST_F(Reads, ALastFullPageHasNoCursorPointingAtNothing) {
    add("kurs-eins", domain::Visibility::Public);
    add("kurs-zwei", domain::Visibility::Public);
    auto page = service.list(Listing().limit(2));
    EXPECT_EQ(page.items.size(), 2u);
    if (page.next_cursor) {
        // A cursor at the end is allowed, but it must lead to an empty last page.
        EXPECT_TRUE(service.list(Listing().cursor(page.next_cursor).limit(2)).items.empty());
    }
    EXPECT_EQ(service.list(Listing().limit(3)).next_cursor, std::nullopt);
}

TEST_F(Reads, ACursorThisServiceDidNotIssueIsAValidationError) {
    for (const char* cursor : {"", "zz", "abc", "7c", "not a cursor"}) {
        try {
            service.list(Listing().cursor(std::string(cursor)));
            ADD_FAILURE() << "accepted '" << cursor << "'";
        } catch (const ValidationFailed& e) {
            ASSERT_EQ(e.errors().size(), 1u);
            EXPECT_EQ(e.errors()[0].field, "cursor");
        }
    }
}

TEST_F(Reads, PublicDetailFollowsTheVisibilityRules) {
    auto pub = add("kurs-eins", domain::Visibility::Public);
    auto unlisted = add("kurs-zwei", domain::Visibility::Unlisted);
    add("kurs-drei", domain::Visibility::Private);

    EXPECT_EQ(service.public_detail("kurs-eins").distribution, pub);
    EXPECT_EQ(service.public_detail("kurs-zwei").distribution, unlisted);
    EXPECT_THROW(service.public_detail("kurs-drei"), NotFound);
    EXPECT_THROW(service.public_detail("kurs-unbekannt"), NotFound);
    EXPECT_THROW(service.public_detail(pub.distribution_id), NotFound);  // an id is not a slug
    service.unpublish(pub.distribution_id, ctx);
    EXPECT_THROW(service.public_detail("kurs-eins"), NotFound);
}

TEST_F(Reads, PublicDetailNamesTheParentsSlug) {
    auto parent = add("kurs-eltern", domain::Visibility::Private);
    domain::VariantRequest request;
    request.target_group = {"lehrer"};
    auto child = service.create_variant(parent.distribution_id, request, ctx);
    service.publish(child.distribution_id, ctx);
    auto original = add("kurs-eins", domain::Visibility::Public);

    // The parent's slug is named even while the parent itself is private.
    EXPECT_EQ(service.public_detail(child.slug).derived_from_slug, "kurs-eltern");
    EXPECT_EQ(service.public_detail(original.slug).derived_from_slug, std::nullopt);
}

TEST_F(Reads, CountPublicCountsWhatTheCatalogLists) {
    EXPECT_EQ(service.count_public(), 0);
    add("kurs-eins", domain::Visibility::Public);
    add("kurs-zwei", domain::Visibility::Public);
    add("kurs-drei", domain::Visibility::Unlisted);
    add("kurs-vier", domain::Visibility::Private);
    EXPECT_EQ(service.count_public(), 2);
}

}  // namespace
}  // namespace coursedist::service
