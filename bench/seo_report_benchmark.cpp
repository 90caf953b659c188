// The SEO report of one course with 10,000 distributions in the catalog (growth.md: under 20 ms).
// The catalog goes into a SQLite store in one transaction; the first report loads the index (not
// measured), every later one reads the course, follows the outbox (nothing new) and ranks.
// BM_SeoReportAfterAChange also commits one changed distribution before each report, so the
// index applies one event each time.

#include "domain/defaults.hpp"
#include "service/distribution_service.hpp"
#include "service/growth_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"

#include <benchmark/benchmark.h>

#include <memory>
#include <string>

namespace {

using namespace coursedist;

constexpr int kCatalog = 10'000;

// Words that vary between courses, so that the catalog has common and rare terms alike.
const char* const kTopics[] = {"Sparen",  "Budget",  "Aktien",     "Steuern", "Versicherung",
                               "Rente",   "Kredit",  "Immobilien", "Krypto",  "Haushalt",
                               "Studium", "Familie", "Urlaub",     "Auto",    "Energie"};
const char* const kGroups[] = {"Studenten", "Rentner", "Familien", "Azubis", "Selbständige"};

domain::Distribution catalog_course(int i) {
    domain::Distribution d;
    d.distribution_id =
        "dist_" + std::string(16 - std::to_string(i).size(), '0') + std::to_string(i);
    d.course_id = "course-" + std::to_string(i);
    d.slug = "kurs-" + std::to_string(i);
    d.language = "de";
    const std::string topic = kTopics[i % 15];
    const std::string other = kTopics[(i / 15) % 15];
    const std::string group = kGroups[i % 5];
    d.title = topic + " und " + other + " für " + group + " " + std::to_string(i % 97);
    d.description = "Ein Kurs über " + topic + " und " + other +
                    ", Schritt für Schritt erklärt, mit Beispielen aus dem Alltag von " + group +
                    " und Übungen zu Thema " + std::to_string(i) + ".";
    d.target_group = {group};
    for (int m = 1; m <= 5; ++m)
        d.outline.modules.push_back({"m" + std::to_string(m), topic + " Modul " + std::to_string(m),
                                     "Grundlagen, Praxis und Fehler, die " + group + " vermeiden.",
                                     3, 30});
    d.outline.learning_outcomes = {topic + " planen", other + " verstehen"};
    d.seo = domain::default_seo(d.title, d.description);
    d.seo.keywords = {topic};
    d.cta.label = "Jetzt starten";
    d.visibility = i % 2 ? domain::Visibility::Public : domain::Visibility::Private;
    d.created_at = d.updated_at = 1'800'000'000 + i;
    return d;
}

struct Catalog {
    storage::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    service::Metrics metrics;
    std::unique_ptr<service::DistributionService> service;
    std::unique_ptr<service::GrowthService> growth;
    std::string course_id;

    Catalog() : store(storage::open_sqlite_store(dir.file("bench.sqlite"), 2)) {
        store->migrate();
        auto tx = store->begin_write();
        for (int i = 0; i < kCatalog; ++i) tx->insert(catalog_course(i));
        tx->commit();
        service = std::make_unique<service::DistributionService>(*store, metrics);
        growth = std::make_unique<service::GrowthService>(*service);
        course_id = catalog_course(4242).distribution_id;
        growth->seo_report(course_id);  // loads the index
    }
};

Catalog& catalog() {
    static Catalog instance;
    return instance;
}

void BM_SeoReport(benchmark::State& state) {
    auto& c = catalog();
    std::size_t suggestions = 0;
    for (auto _ : state) suggestions = c.growth->seo_report(c.course_id).keyword_suggestions.size();
    state.counters["suggestions"] = static_cast<double>(suggestions);
}
BENCHMARK(BM_SeoReport)->Unit(benchmark::kMillisecond);

void BM_SeoReportAfterAChange(benchmark::State& state) {
    auto& c = catalog();
    const auto changed = catalog_course(17).distribution_id;
    int n = 0;
    for (auto _ : state) {
        state.PauseTiming();
        domain::UpdateRequest update;
        update.description = catalog_course(17).description + " Version " + std::to_string(++n);
        c.service->update(changed, update, std::nullopt, {});
        state.ResumeTiming();
        benchmark::DoNotOptimize(c.growth->seo_report(c.course_id));
    }
}
BENCHMARK(BM_SeoReportAfterAChange)->Unit(benchmark::kMillisecond);

}  // namespace
