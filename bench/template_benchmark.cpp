// Cost of rendering one landing page from the compiled templates (issue 6: BENCHMARKS.md reports
// microseconds per page). Rendering only: no storage, no HTTP. Compare with the HTTP numbers of
// `wrk` to see which share of a request the template takes.

#include "web/page_renderer.hpp"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

namespace {

using namespace coursedist;

service::PublicDetail typical_course() {
    domain::Distribution d;
    d.slug = "alternativen-zu-banken-sparkassen";
    d.language = "de";
    d.title = "Alternativen zu Banken & Sparkassen";
    d.description =
        "Was Direktbanken, Genossenschaftsbanken und Ethikbanken anders machen, was "
        "sie kosten und wie Sie in einer Woche sicher wechseln.";
    d.target_group = {"berufstaetige", "studenten"};
    d.seo.meta_title = "Alternativen zu Banken & Sparkassen";
    d.seo.meta_description = d.description;
    d.seo.keywords = {"Bankwechsel", "Direktbank", "Ethikbank"};
    d.seo.og_image_url = "https://img.example.test/banken.png";
    d.seo.hreflang_alternates = {{"en", "https://courses.example.test/courses/alternatives"}};
    d.cta.label = "Jetzt starten";
    d.visibility = domain::Visibility::Public;
    d.published_at = 1'700'000'000;
    for (int i = 1; i <= 6; ++i)
        d.outline.modules.push_back({"m" + std::to_string(i), "Modul " + std::to_string(i),
                                     "Gebühren, Zinsen und Provisionen verstehen.", 4, 45});
    d.outline.prerequisites = {"Ein eigenes Girokonto"};
    d.outline.learning_outcomes = {"Kontomodelle vergleichen", "Versteckte Gebühren erkennen",
                                   "Einen Bankwechsel in einer Woche planen"};
    d.view_count = 12'345;
    d.enrollment_count = 678;
    d.updated_at = 1'700'000'100;
    return {d, std::nullopt, std::nullopt, std::nullopt};
}

web::PageRenderer& renderer() {
    static web::PageRenderer instance(
        web::TemplateSet::load(std::nullopt),
        web::Site{"https://courses.example.test", "courses.example.test"});
    return instance;
}

// A full render: what the first view of a course (or of a new version of it) costs. Each
// iteration changes the title, so the page cache never answers.
void BM_RenderLandingPage(benchmark::State& state) {
    auto course = typical_course();
    const auto title = course.distribution.title;
    std::size_t bytes = 0;
    std::uint64_t n = 0;
    for (auto _ : state) {
        course.distribution.title = title + " " + std::to_string(++n);
        auto html = renderer().landing(course);
        bytes = html.size();
        benchmark::DoNotOptimize(html);
    }
    state.counters["html_bytes"] = static_cast<double>(bytes);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderLandingPage)->Unit(benchmark::kMicrosecond);

// Every later view: the course's landing page is kept while only its counters change (pages
// cache it per slug); the view splices its counts in.
void BM_LandingPageView(benchmark::State& state) {
    const auto page = renderer().landing_page(typical_course());
    std::int64_t views = 0;
    for (auto _ : state) {
        auto html = renderer().landing(*page, ++views, 678);
        benchmark::DoNotOptimize(html);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LandingPageView)->Unit(benchmark::kMicrosecond);

// A view once the kept page has expired (the public cache TTL, or with that cache off): the ETag
// is computed and the page around the counters found by it.
void BM_RenderLandingPageCached(benchmark::State& state) {
    auto course = typical_course();
    for (auto _ : state) {
        ++course.distribution.view_count;
        auto html = renderer().landing(course);
        benchmark::DoNotOptimize(html);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RenderLandingPageCached)->Unit(benchmark::kMicrosecond);

// The share of BM_RenderLandingPage spent building the template data (the rest is kainjow).
void BM_BuildLandingView(benchmark::State& state) {
    const auto course = typical_course();
    for (auto _ : state) benchmark::DoNotOptimize(web::landing_view(course, renderer().site()));
}
BENCHMARK(BM_BuildLandingView)->Unit(benchmark::kMicrosecond);

// What a 304 costs besides the read: the content ETag.
void BM_LandingEtag(benchmark::State& state) {
    const auto course = typical_course();
    for (auto _ : state) benchmark::DoNotOptimize(renderer().landing_etag(course));
}
BENCHMARK(BM_LandingEtag)->Unit(benchmark::kMicrosecond);

void BM_CompileTemplates(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(web::TemplateSet::load(std::nullopt));
}
BENCHMARK(BM_CompileTemplates)->Unit(benchmark::kMicrosecond);

}  // namespace
