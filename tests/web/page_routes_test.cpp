// The page routes over a real service on SQLite, called through the Router (issue 6): view
// counting and 304, the enroll redirect, the sitemap split into an index past the per-file limit.

#include "web/page_routes.hpp"
#include "sample_course.hpp"
#include "service/distribution_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/deferred.hpp"
#include "support/html_scan.hpp"
#include "support/service_process.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace coursedist::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PageRoutes : public ::testing::Test {
  protected:
    PageRoutes()
        : store(storage::open_sqlite_store((dir.path() / "db.sqlite").string(), 2)),
          service((store->migrate(), *store), metrics) {
        PagesDependencies deps{service, renderer, 2, 2};
        // Pages stay cached for the whole test: only this process's writes renew them.
        deps.landing_cache_ttl = std::chrono::hours(1);
        http::RouteHandlers routes;
        bind_page_routes(routes, deps);
        router = http::build_router(routes, {auth, nullptr}, http::Coverage::Bound);
    }

    std::string create(const std::string& slug, bool publish = true,
                       std::optional<std::string> cta_url = std::nullopt) {
        return create_with(service, slug, "A course called " + slug, publish, std::move(cta_url));
    }

    static std::string create_with(service::DistributionService& service, const std::string& slug,
                                   const std::string& title, bool publish = true,
                                   std::optional<std::string> cta_url = std::nullopt) {
        auto sample = web::testing::sample_course().distribution;
        domain::CreateRequest request;
        request.course_id = "course_" + slug + "_" + std::to_string(title.size());
        request.language = "en";
        request.title = title;
        request.description = sample.description;
        request.slug = slug;
        request.seo = sample.seo;
        request.cta = domain::Cta{"Start now", domain::CtaAction::Custom, cta_url};
        if (!cta_url) request.cta->action = domain::CtaAction::OpenCourse;
        auto d = service.create(request, {});
        if (publish) service.publish(d.distribution_id, {});
        return d.distribution_id;
    }

    // A browser's request unless `headers` name their own user-agent.
    http::Response get(const std::string& path, http::Headers headers = {},
                       const std::string& method = "GET") {
        http::Request request;
        request.method = method;
        request.path = path;
        request.target = path;
        if (std::none_of(headers.begin(), headers.end(),
                         [](const auto& h) { return h.first == "user-agent"; }))
            headers.emplace_back("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");
        request.headers = std::move(headers);
        auto match = router.match(method, path);
        if (match.handler == nullptr) return http::text_response(404, "no route", "text/plain");
        return coursedist::testing::settle((*match.handler)(request, match.params));
    }

    coursedist::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    service::Metrics metrics;
    service::DistributionService service;
    PageRenderer renderer{TemplateSet::load(std::nullopt), web::testing::kSite};
    http::AdminAuth auth{{"unused-token-0123456789"}};
    http::Router router;
};

TEST_F(PageRoutes, LandingCountsViewsButNot304s) {
    auto id = create("counted-course");
    auto first = get("/courses/counted-course");
    ASSERT_EQ(first.status, 200);
    EXPECT_EQ(first.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_THAT(first.body, HasSubstr("1 view ·"));
    const auto etag = std::string(*first.header("ETag"));
    EXPECT_EQ(get("/courses/counted-course", {{"if-none-match", etag}}).status, 304);
    EXPECT_EQ(service.get(id).view_count, 1);
    auto second = get("/courses/counted-course");
    EXPECT_EQ(second.header("ETag"), etag);  // counters are not part of the ETag
    EXPECT_THAT(second.body, HasSubstr("2 views ·"));
}

TEST_F(PageRoutes, UncountedRequestsGetTheSamePageWithTheCurrentCounts) {
    auto id = create("watched-course");
    const auto counted = get("/courses/watched-course");
    ASSERT_THAT(counted.body, HasSubstr("1 view ·"));
    const auto crawler = get("/courses/watched-course", {{"user-agent", "Googlebot/2.1"}});
    EXPECT_EQ(crawler.status, 200);
    EXPECT_EQ(crawler.header("ETag"), counted.header("ETag"));
    EXPECT_THAT(crawler.body,
                HasSubstr("1 view ·"));  // not the count the cached page was loaded with
    EXPECT_EQ(get("/courses/watched-course", {}, "HEAD").status, 200);
    EXPECT_EQ(get("/courses/watched-course/enroll", {{"x-moz", "prefetch"}}).status, 302);
    EXPECT_EQ(get("/courses/watched-course/enroll", {}, "HEAD").status, 302);
    EXPECT_EQ(service.get(id).view_count, 1);
    EXPECT_EQ(service.get(id).enrollment_count, 0);
    const auto text = metrics.render();
    EXPECT_THAT(text,
                HasSubstr("coursedist_uncounted_total{kind=\"view\",reason=\"crawler\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("coursedist_uncounted_total{kind=\"view\",reason=\"head\"} 1\n"));
    EXPECT_THAT(text,
                HasSubstr("coursedist_uncounted_total{kind=\"click\",reason=\"prefetch\"} 1\n"));
    EXPECT_THAT(text, HasSubstr("coursedist_uncounted_total{kind=\"click\",reason=\"head\"} 1\n"));
}

TEST_F(PageRoutes, AChangedCourseShowsAtOnceWhileViewsReuseThePage) {
    auto id = create("changing-course");
    EXPECT_THAT(get("/courses/changing-course").body, HasSubstr("A course called changing-course"));
    const auto etag = std::string(*get("/courses/changing-course").header("ETag"));
    domain::UpdateRequest update;
    update.title = "A course with a new title";
    service.update(id, update, std::nullopt, {});
    auto changed = get("/courses/changing-course");
    EXPECT_THAT(changed.body, HasSubstr("A course with a new title"));
    EXPECT_THAT(changed.body, HasSubstr("3 views ·"));
    EXPECT_NE(changed.header("ETag"), etag);
}

// Another instance on the same database changes a course this process has cached (this process
// committed nothing, so its page is stale): the view is counted in the database as it is there.
TEST_F(PageRoutes, ChangesByAnotherInstanceDecideWhatAViewCounts) {
    auto first = create("taken-over");
    ASSERT_THAT(get("/courses/taken-over").body, HasSubstr("A course called taken-over"));
    service::Metrics other_metrics;
    service::DistributionService other_instance(*store, other_metrics);

    // The slug moves to another course (renamed away and released, so that it is free): the page
    // shows the course the view counted for.
    domain::UpdateRequest rename;
    rename.slug = "moved-away";
    other_instance.update(first, rename, std::nullopt, {});
    other_instance.release_old_slug(first, "taken-over");
    auto second = create_with(other_instance, "taken-over", "The course that took it over");
    auto page = get("/courses/taken-over");
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("The course that took it over"));
    EXPECT_THAT(page.body, HasSubstr("1 view ·"));
    EXPECT_EQ(service.get(first).view_count, 1);
    EXPECT_EQ(service.get(second).view_count, 1);

    // It is unpublished: no view, a 404 page, and no click either.
    other_instance.unpublish(second, {});
    EXPECT_EQ(get("/courses/taken-over").status, 404);
    EXPECT_EQ(get("/courses/taken-over/enroll").status, 404);
    EXPECT_EQ(service.get(second).view_count, 1);
    EXPECT_EQ(service.get(second).enrollment_count, 0);
}

TEST_F(PageRoutes, PrivateAndUnknownAre404PagesAndUnlistedIsNoindex) {
    create("private-course", false);
    auto hidden = get("/courses/private-course");
    EXPECT_EQ(hidden.status, 404);
    EXPECT_THAT(hidden.body, HasSubstr("Course not found"));
    EXPECT_EQ(get("/courses/never-was").status, 404);
    EXPECT_EQ(get("/courses/never-was/enroll").status, 404);

    auto id = create("unlisted-course", false);
    domain::UpdateRequest update;
    update.visibility = domain::Visibility::Unlisted;
    service.update(id, update, std::nullopt, {});
    auto page = get("/courses/unlisted-course");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.header("X-Robots-Tag"), "noindex");
    EXPECT_THAT(get("/sitemap.xml").body, Not(HasSubstr("unlisted-course")));
    EXPECT_THAT(get("/courses").body, Not(HasSubstr("unlisted-course")));
}

TEST_F(PageRoutes, EnrollCountsOneClickAndRedirects) {
    auto with_url = create("linked-course", true, "https://learn.example.test/start?x=1");
    auto r = get("/courses/linked-course/enroll");
    EXPECT_EQ(r.status, 302);
    EXPECT_EQ(r.header("Location"), "https://learn.example.test/start?x=1");
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
    EXPECT_EQ(service.get(with_url).enrollment_count, 1);

    create("anchored-course");
    EXPECT_EQ(get("/courses/anchored-course/enroll").header("Location"),
              "/courses/anchored-course#enroll");
}

TEST_F(PageRoutes, SitemapBecomesAnIndexPastThePerFileLimit) {
    create("first-course");
    create("second-course");
    auto single = get("/sitemap.xml");
    EXPECT_THAT(single.body, HasSubstr("<urlset"));
    EXPECT_EQ(coursedist::testing::xml_problem(single.body), std::nullopt);

    create("third-course");
    auto index = get("/sitemap.xml");
    EXPECT_THAT(index.body, HasSubstr("<sitemapindex"));
    EXPECT_THAT(index.body, HasSubstr("https://courses.example.test/sitemap-2.xml"));
    EXPECT_THAT(index.body, Not(HasSubstr("sitemap-3.xml")));
    EXPECT_EQ(coursedist::testing::xml_problem(index.body), std::nullopt);

    std::string both = get("/sitemap-1.xml").body + get("/sitemap-2.xml").body;
    for (auto slug : {"first-course", "second-course", "third-course"})
        EXPECT_THAT(both, HasSubstr(std::string("/courses/") + slug + "</loc>"));
    EXPECT_EQ(get("/sitemap-3.xml").status, 404);
    EXPECT_EQ(get("/sitemap-0.xml").status, 404);
}

TEST_F(PageRoutes, CatalogPaginatesWithCursorLinksAndFiltersByLanguage) {
    create("first-course");
    create("second-course");
    create("third-course");
    auto first = get("/courses");
    ASSERT_EQ(first.status, 200);
    EXPECT_THAT(first.body, HasSubstr("third-course"));  // newest first
    EXPECT_THAT(first.body, Not(HasSubstr("first-course")));
    auto tags = coursedist::testing::html_start_tags(first.body);
    auto next = coursedist::testing::tags_where(tags, "a", "rel", "next");
    ASSERT_EQ(next.size(), 1u);
    auto href = *next[0].attribute("href");
    ASSERT_TRUE(href.starts_with("/courses?cursor="));

    // The Router sees decoded query parameters; the server decodes them the same way.
    http::Request request;
    request.method = "GET";
    request.path = "/courses";
    request.query = {{"cursor", *service.list({true, {}, {}, {}, {}, {}, 2}).next_cursor}};
    auto match = router.match("GET", "/courses");
    auto second = (*match.handler)(request, match.params);
    EXPECT_THAT(second.body, HasSubstr("first-course"));
    EXPECT_THAT(second.body, HasSubstr("rel=\"first\""));
    EXPECT_THAT(second.body, Not(HasSubstr("rel=\"next\"")));

    request.query = {{"language", "de"}};
    auto german = (*match.handler)(request, match.params);
    EXPECT_THAT(german.body, HasSubstr("lang=\"de\""));
    EXPECT_THAT(german.body, HasSubstr("Hier gibt es noch keine Kurse."));
    EXPECT_THAT(german.body, HasSubstr("href=\"/courses?language=de\" aria-current=\"page\""));
}

}  // namespace
}  // namespace coursedist::web
