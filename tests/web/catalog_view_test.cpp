// The catalog page's view: items with their language and outline facts, language filter links,
// canonical URL and forward pagination keeping the filter.

#include "web/page_views.hpp"

#include "sample_course.hpp"

#include <gtest/gtest.h>

namespace coursedist::web {
namespace {

namespace mustache = kainjow::mustache;
using web::testing::kSite;
using web::testing::sample_course;

std::string text_of(const mustache::data& view, const std::string& key) {
    const auto* value = view.get(key);
    return value && value->is_string() ? value->string_value() : "<absent>";
}

service::ListResult one_course_page(std::optional<std::string> next = std::nullopt) {
    return service::ListResult{{sample_course().distribution}, std::move(next)};
}

TEST(CatalogView, ItemsLinkToTheirPageWithLanguageAndOutlineFacts) {
    auto view = catalog_view(one_course_page(), CatalogQuery{}, true, kSite);
    EXPECT_TRUE(view.get("has_items")->is_true());
    const auto& items = view.get("items")->list_value();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(text_of(items[0], "href"), "/courses/geld-sparen");
    EXPECT_EQ(text_of(items[0], "language"), "de");
    EXPECT_EQ(text_of(items[0], "meta"), "Deutsch · 7 Kapitel · 1 Std. 50 Min.");

    auto bare = sample_course("en").distribution;
    bare.outline = {};
    auto english = catalog_view(service::ListResult{{bare}, std::nullopt}, {}, false, kSite);
    // No outline: no invented facts, only the language.
    EXPECT_EQ(text_of(english.get("items")->list_value()[0], "meta"), "English");
    EXPECT_EQ(text_of(english, "lang"), "en");
}

TEST(CatalogView, AnEmptyPageSaysSo) {
    auto view = catalog_view(service::ListResult{}, CatalogQuery{}, false, kSite);
    EXPECT_TRUE(view.get("has_items")->is_false());
    EXPECT_EQ(view.get("next_href"), nullptr);
    EXPECT_EQ(view.get("first_href"), nullptr);
}

TEST(CatalogView, FiltersMarkTheCurrentLanguage) {
    auto view = catalog_view(one_course_page(), CatalogQuery{"en", std::nullopt}, false, kSite);
    const auto& filters = view.get("filters")->list_value();
    ASSERT_EQ(filters.size(), 3u);  // all, de, en
    EXPECT_EQ(text_of(filters[0], "href"), "/courses");
    EXPECT_TRUE(filters[0].get("current")->is_false());
    EXPECT_EQ(text_of(filters[2], "href"), "/courses?language=en");
    EXPECT_TRUE(filters[2].get("current")->is_true());
    EXPECT_EQ(text_of(view, "canonical_url"), "https://courses.example.test/courses?language=en");
}

TEST(CatalogView, AnotherLanguageGetsAFilterOfItsOwnEscaped) {
    auto view = catalog_view(one_course_page(), CatalogQuery{"fr&x", std::nullopt}, true, kSite);
    const auto& filters = view.get("filters")->list_value();
    ASSERT_EQ(filters.size(), 4u);
    EXPECT_EQ(text_of(filters[3], "href"), "/courses?language=fr%26x");
    EXPECT_TRUE(filters[3].get("current")->is_true());
}

TEST(CatalogView, PaginationKeepsTheFilter) {
    auto first =
        catalog_view(one_course_page("abc"), CatalogQuery{"de", std::nullopt}, true, kSite);
    EXPECT_EQ(text_of(first, "next_href"), "/courses?language=de&cursor=abc");
    EXPECT_EQ(first.get("first_href"), nullptr);

    auto second = catalog_view(one_course_page(), CatalogQuery{"de", "abc"}, true, kSite);
    EXPECT_EQ(text_of(second, "first_href"), "/courses?language=de");
    EXPECT_EQ(second.get("next_href"), nullptr);
    EXPECT_EQ(text_of(second, "canonical_url"),
              "https://courses.example.test/courses?language=de&cursor=abc");
}

}  // namespace
}  // namespace coursedist::web
