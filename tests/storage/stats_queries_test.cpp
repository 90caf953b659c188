// The statistics queries of Transaction (store.hpp, "Statistics") on both backends, over bucket
// rows written directly with SQL (the write side has its own tests): the rollups the catalog's
// queries read (migration 5) are kept by the database itself, whoever writes a bucket.

#include "domain/sample_distribution.hpp"
#include "storage/postgres/migrations.hpp"
#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/postgres_server.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <random>

namespace coursedist::storage::testing {
namespace {

using domain::HourSpan;

// A migrated store and a way to run SQL on its database outside it.
struct StatsBackend {
    std::unique_ptr<Store> store;
    std::function<void(const std::string& sql)> exec;
};

struct StatsBackendFactory {
    std::string name;
    std::function<StatsBackend()> make;
};

void PrintTo(const StatsBackendFactory& f, std::ostream* os) {
    *os << f.name;
}

StatsBackend sqlite_backend() {
    static TempDir dir;
    static int counter = 0;
    const auto path = dir.file("stats-" + std::to_string(++counter) + ".db");
    StatsBackend b{open_sqlite_store(path, 2), {}};
    b.exec = [path](const std::string& sql) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        char* error = nullptr;
        const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
        const std::string message = error != nullptr ? error : "";
        sqlite3_free(error);
        sqlite3_close(db);
        if (rc != SQLITE_OK) throw std::runtime_error("sqlite: " + message);
    };
    return b;
}

StatsBackend postgres_backend() {
    static std::vector<std::unique_ptr<coursedist::testing::ScratchPostgresDatabase>> databases;
    const std::string& admin = coursedist::testing::shared_postgres_admin_uri();
    databases.push_back(std::make_unique<coursedist::testing::ScratchPostgresDatabase>(admin));
    const std::string uri = databases.back()->uri();
    StatsBackend b{open_postgres_store(uri, 2), {}};
    b.exec = [uri](const std::string& sql) {
        pqxx::connection c(uri);
        pqxx::work w(c);
        w.exec(sql);
        w.commit();
    };
    return b;
}

class StatsQueriesTest : public ::testing::TestWithParam<StatsBackendFactory> {
  protected:
    void SetUp() override {
        backend_ = GetParam().make();
        backend_.store->migrate();
        add_distribution("dist_000000000000000a", "beta", "Beta course");
        add_distribution("dist_000000000000000b", "alpha", "Alpha course");
        add_distribution("dist_000000000000000c", "gamma", "Gamma course");
    }

    void add_distribution(const std::string& id, const std::string& slug,
                          const std::string& title) {
        auto d = domain::testing::full_distribution();
        d.distribution_id = id;
        d.slug = slug;
        d.title = title;
        d.derived_from = std::nullopt;
        auto tx = backend_.store->begin_write();
        tx->insert(d);
        tx->commit();
    }

    void bucket(const std::string& id, std::int64_t hour, const std::string& kind,
                const std::string& category, std::int64_t count, const std::string& variant = "") {
        backend_.exec(
            "INSERT INTO counter_buckets (distribution_id, hour, kind, category, "
            "variant, count) VALUES ('" +
            id + "', " + std::to_string(hour) + ", '" + kind + "', '" + category + "', '" +
            variant + "', " + std::to_string(count) + ")");
    }

    std::unique_ptr<Transaction> read() { return backend_.store->begin_read(); }

    StatsBackend backend_;
};

const std::string kA = "dist_000000000000000a";
const std::string kB = "dist_000000000000000b";
const std::string kC = "dist_000000000000000c";

TEST_P(StatsQueriesTest, HourlyCountsSumKindsPerHourWithinTheRangeOnly) {
    bucket(kA, 99, "view", "direct", 100);  // before the range
    bucket(kA, 100, "view", "direct", 2);
    bucket(kA, 100, "view", "organic_search", 3);
    bucket(kA, 100, "click", "open_course", 1);
    bucket(kA, 100, "click", "open_course", 4, "b");
    bucket(kA, 102, "click", "", 1);
    bucket(kA, 103, "view", "direct", 100);  // the range's end is excluded
    bucket(kB, 101, "view", "direct", 50);   // another distribution
    auto tx = read();
    EXPECT_EQ(tx->hourly_counts(kA, HourSpan{100, 103}),
              (std::vector<HourCounts>{{100, 5, 5}, {102, 0, 1}}));
    EXPECT_TRUE(tx->hourly_counts(kC, HourSpan{0, 1000}).empty());
    EXPECT_TRUE(tx->hourly_counts("dist_ffffffffffffffff", HourSpan{0, 1000}).empty());
}

TEST_P(StatsQueriesTest, CatalogHourlyCountsSumEveryDistribution) {
    bucket(kA, 100, "view", "direct", 2);
    bucket(kB, 100, "view", "social", 3);
    bucket(kB, 101, "click", "open_course", 1);
    bucket(kC, 105, "view", "direct", 9);
    auto tx = read();
    EXPECT_EQ(tx->catalog_counts(HourSpan{100, 105}, 10).hours,
              (std::vector<HourCounts>{{100, 5, 0}, {101, 0, 1}}));
}

TEST_P(StatsQueriesTest, CategoryCountsByCounterAndCategory) {
    bucket(kA, 100, "view", "direct", 2);
    bucket(kA, 101, "view", "direct", 3);
    bucket(kA, 101, "view", "organic_search", 4);
    bucket(kA, 101, "view", "social", 0);
    bucket(kA, 100, "click", "open_course", 1);
    bucket(kA, 101, "click", "open_course", 1, "b");
    bucket(kA, 101, "click", "", 2);
    bucket(kA, 200, "view", "email", 7);  // outside
    auto tx = read();
    auto counts = tx->category_counts(kA, HourSpan{100, 102});
    EXPECT_EQ(counts, (std::vector<CategoryCount>{{Counter::Views, "direct", 5},
                                                  {Counter::Views, "organic_search", 4},
                                                  {Counter::Enrollments, "", 2},
                                                  {Counter::Enrollments, "open_course", 2}}));
}

TEST_P(StatsQueriesTest, MostViewedLeavesOutDeletedDistributionsAndStopsAtTheLimit) {
    for (int n = 0; n < 12; ++n) {
        char id[32];
        std::snprintf(id, sizeof id, "dist_%016x", 0x100 + n);
        add_distribution(id, "many-" + std::to_string(100 + n), "Many " + std::to_string(n));
        bucket(id, 100, "view", "direct", 1 + n % 3);  // views 1, 2, 3, 1, 2, 3, …
    }
    bucket("dist_00000000000000ff", 100, "view", "direct", 50);  // deleted (or never existed)
    auto tx = read();
    const auto counts = tx->catalog_counts(HourSpan{100, 101}, 10);
    ASSERT_EQ(counts.most_viewed.size(), 10u);
    std::vector<std::string> slugs;
    for (const auto& d : counts.most_viewed) slugs.push_back(d.slug);
    EXPECT_EQ(slugs, (std::vector<std::string>{"many-102", "many-105", "many-108", "many-111",
                                               "many-101", "many-104", "many-107", "many-110",
                                               "many-100", "many-103"}));
    EXPECT_EQ(counts.hours, (std::vector<HourCounts>{{100, 74, 0}}));
}

TEST_P(StatsQueriesTest, MostViewedOrdersByViewsThenSlugAndLeavesOutZeroViews) {
    bucket(kA, 100, "view", "direct", 5);  // beta
    bucket(kA, 100, "click", "open_course", 2);
    bucket(kB, 101, "view", "direct", 5);        // alpha: ties with beta, sorts first
    bucket(kC, 101, "click", "open_course", 3);  // gamma: clicks only
    bucket(kC, 300, "view", "direct", 90);       // outside the range
    auto tx = read();
    EXPECT_EQ(tx->catalog_counts(HourSpan{100, 200}, 10).most_viewed,
              (std::vector<DistributionCounts>{{kB, "alpha", "Alpha course", 5, 0},
                                               {kA, "beta", "Beta course", 5, 2}}));
    EXPECT_EQ(tx->catalog_counts(HourSpan{100, 200}, 1).most_viewed,
              (std::vector<DistributionCounts>{{kB, "alpha", "Alpha course", 5, 0}}));
    EXPECT_EQ(tx->catalog_counts(HourSpan{0, 1000}, 10).most_viewed.front().distribution_id, kC);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsQueriesTest,
                         ::testing::Values(StatsBackendFactory{"sqlite", sqlite_backend},
                                           StatsBackendFactory{"postgres", postgres_backend}),
                         [](const auto& info) { return info.param.name; });

// Buckets over many days, written out of order and some twice, against sums the test keeps: the
// catalog's hours and most viewed come from the rollups (whole days from counter_days, the hours
// at the ends from the buckets) and must equal the buckets' own sums for every range.
class CatalogRollupsTest : public StatsQueriesTest {
  protected:
    struct Written {
        std::string id;
        std::int64_t hour;
        std::string kind;
        std::int64_t count;
    };

    // One script of upserts, as the store's own writes do (a second write to a bucket updates it).
    void write_random_buckets(int n, std::uint32_t seed) {
        std::mt19937 random(seed);
        const std::vector<std::string> ids{kA, kB, kC};
        std::string script;
        for (int i = 0; i < n; ++i) {
            Written w{ids[random() % ids.size()], 1000 + static_cast<std::int64_t>(random() % 400),
                      random() % 3 == 0 ? "click" : "view",
                      1 + static_cast<std::int64_t>(random() % 9)};
            const auto category = w.kind == "view" ? "direct" : "open_course";
            script +=
                "INSERT INTO counter_buckets (distribution_id, hour, kind, category, variant, "
                "count) VALUES ('" +
                w.id + "', " + std::to_string(w.hour) + ", '" + w.kind + "', '" + category +
                "', '', " + std::to_string(w.count) +
                ") ON CONFLICT (distribution_id, hour, kind, category, variant) DO UPDATE "
                "SET count = counter_buckets.count + excluded.count;\n";
            written_.push_back(w);
        }
        backend_.exec(script);
    }

    // What the catalog's queries must answer for `hours`, from the buckets the test wrote.
    CatalogCounts expected(HourSpan hours, int limit) const {
        std::map<std::int64_t, HourCounts> by_hour;
        std::map<std::string, DistributionCounts> by_id{{kA, {kA, "beta", "Beta course", 0, 0}},
                                                        {kB, {kB, "alpha", "Alpha course", 0, 0}},
                                                        {kC, {kC, "gamma", "Gamma course", 0, 0}}};
        for (const auto& w : written_) {
            if (w.hour < hours.begin || w.hour >= hours.end) continue;
            auto& hour = by_hour.try_emplace(w.hour, HourCounts{w.hour, 0, 0}).first->second;
            auto& d = by_id.at(w.id);
            (w.kind == "view" ? hour.views : hour.clicks) += w.count;
            (w.kind == "view" ? d.views : d.clicks) += w.count;
        }
        CatalogCounts out;
        for (const auto& [_, h] : by_hour) out.hours.push_back(h);
        for (const auto& [_, d] : by_id)
            if (d.views > 0) out.most_viewed.push_back(d);
        std::sort(out.most_viewed.begin(), out.most_viewed.end(), [](const auto& a, const auto& b) {
            return a.views != b.views ? a.views > b.views : a.slug < b.slug;
        });
        if (static_cast<int>(out.most_viewed.size()) > limit) out.most_viewed.resize(limit);
        return out;
    }

    void expect_every_range_matches() {
        auto tx = read();
        // Whole UTC days, ranges starting and ending within days (other zones), ranges without a
        // whole day, a range before and one after every bucket.
        for (const HourSpan range :
             {HourSpan{1008, 1392}, HourSpan{1000, 1400}, HourSpan{1013, 1387},
              HourSpan{1100, 1123}, HourSpan{1100, 1150}, HourSpan{1199, 1201}, HourSpan{0, 1000},
              HourSpan{1400, 2000}, HourSpan{0, 5000}}) {
            SCOPED_TRACE("hours " + std::to_string(range.begin) + "-" + std::to_string(range.end));
            const auto want = expected(range, 2);
            const auto got = tx->catalog_counts(range, 2);
            EXPECT_EQ(got.hours, want.hours);
            EXPECT_EQ(got.most_viewed, want.most_viewed);
        }
    }

    std::vector<Written> written_;
};

TEST_P(CatalogRollupsTest, TheCatalogsSumsEqualTheBucketsForEveryRange) {
    write_random_buckets(300, 7);
    expect_every_range_matches();
}

TEST_P(CatalogRollupsTest, RollupsFilledByTheMigrationEqualTheBuckets) {
    // Buckets written before migration 5: drop what it made and run it again over them.
    write_random_buckets(200, 11);
    const bool postgres = GetParam().name == "postgres";
    backend_.exec((postgres ? std::string("DROP TRIGGER counter_buckets_roll_up ON counter_buckets;"
                                          " DROP FUNCTION counter_buckets_roll_up();")
                            : std::string("DROP TRIGGER counter_buckets_roll_up_insert;"
                                          " DROP TRIGGER counter_buckets_roll_up_update;"
                                          " DROP VIEW counter_bucket_additions;")) +
                  " DROP TABLE counter_catalog_hours; DROP TABLE counter_days;");
    backend_.exec(std::string(postgres ? postgres::kMigration5CounterRollups
                                       : sqlite::kMigration5CounterRollups));
    expect_every_range_matches();
    write_random_buckets(100, 13);  // and the triggers it made keep them from there on
    expect_every_range_matches();
}

TEST_P(CatalogRollupsTest, PruningTakesTheRollupsOfPrunedDaysOnly) {
    write_random_buckets(300, 17);
    {
        auto tx = backend_.store->begin_write();
        while (tx->prune_buckets(1200, 7) == 7) {
        }
        tx->commit();
    }
    std::erase_if(written_, [](const Written& w) { return w.hour < 1200; });
    expect_every_range_matches();
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogRollupsTest,
                         ::testing::Values(StatsBackendFactory{"sqlite", sqlite_backend},
                                           StatsBackendFactory{"postgres", postgres_backend}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace coursedist::storage::testing
