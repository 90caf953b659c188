// The stats use cases over a real SQLite store, its buckets written directly with SQL.

#include "service/stats_service.hpp"
#include "service/errors.hpp"
#include "service_fixture.hpp"

#include <sqlite3.h>

namespace coursedist::service::testing {
namespace {

constexpr std::int64_t kStartHour = static_cast<std::int64_t>(kStart) / 3600;  // 2027-01-15 08Z

class StatsServiceTest : public ServiceTest {
  protected:
    StatsServiceTest() : stats(*store, [this] { return now; }) {}

    void exec(const std::string& sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(dir.file("db.sqlite").c_str(), &db), SQLITE_OK);
        char* error = nullptr;
        EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
            << (error ? error : "");
        sqlite3_free(error);
        sqlite3_close(db);
    }

    void bucket(const std::string& id, std::int64_t hour, const std::string& kind,
                const std::string& category, std::int64_t count) {
        exec("INSERT INTO counter_buckets VALUES ('" + id + "', " + std::to_string(hour) + ", '" +
             kind + "', '" + category + "', '', " + std::to_string(count) + ")");
    }

    StatsService stats;
};

TEST_F(StatsServiceTest, DistributionSeriesHasEveryDayWithZerosAndTheTotals) {
    const auto d = create();
    bucket(d.distribution_id, kStartHour, "view", "organic_search", 6);
    bucket(d.distribution_id, kStartHour - 24, "view", "", 2);  // yesterday
    bucket(d.distribution_id, kStartHour, "click", "open_course", 1);
    bucket(d.distribution_id, kStartHour - 24 * 40, "view", "direct", 100);  // before the range

    const auto s = stats.distribution(d.distribution_id, {});
    EXPECT_EQ(s.range.from, "2026-12-17");
    EXPECT_EQ(s.range.to, "2027-01-15");
    ASSERT_EQ(s.series.size(), 30u);
    EXPECT_EQ(s.series.back().start, "2027-01-15T00:00:00+00:00");
    EXPECT_EQ(s.series.back().views, 6);
    EXPECT_EQ(s.series.back().clicks, 1);
    EXPECT_EQ(s.series[28].views, 2);
    for (std::size_t i = 0; i < 28; ++i) EXPECT_EQ(s.series[i].views + s.series[i].clicks, 0);
    EXPECT_EQ(s.totals.views, 8);
    EXPECT_EQ(s.totals.clicks, 1);
    EXPECT_EQ(s.totals.click_through_rate(), 0.125);
    EXPECT_EQ(s.views_by_referrer,
              (std::map<std::string, std::int64_t>{{"organic_search", 6}, {"unknown", 2}}));
    EXPECT_EQ(s.clicks_by_cta, (std::map<std::string, std::int64_t>{{"open_course", 1}}));
}

TEST_F(StatsServiceTest, ClickThroughRateHasFourDecimalsAndIsNullWithoutViews) {
    EXPECT_EQ((StatsTotals{0, 3}.click_through_rate()), std::nullopt);
    EXPECT_EQ((StatsTotals{340, 41}.click_through_rate()), 0.1206);
    EXPECT_EQ((StatsTotals{3, 1}.click_through_rate()), 0.3333);
    EXPECT_EQ((StatsTotals{3, 2}.click_through_rate()), 0.6667);
}

TEST_F(StatsServiceTest, HourlySeriesInTheZoneOfTheQuery) {
    const auto d = create();
    bucket(d.distribution_id, kStartHour, "view", "direct", 4);  // 09:00 in Berlin
    const auto s = stats.distribution(
        d.distribution_id,
        {.from = "2027-01-15", .to = "2027-01-15", .granularity = "hour", .tz = "Europe/Berlin"});
    ASSERT_EQ(s.series.size(), 24u);
    EXPECT_EQ(s.series[9].start, "2027-01-15T09:00:00+01:00");
    EXPECT_EQ(s.series[9].views, 4);
    EXPECT_EQ(s.totals.views, 4);
}

TEST_F(StatsServiceTest, UnknownDistributionAndBadParameters) {
    EXPECT_THROW(stats.distribution("dist_ffffffffffffffff", {}), NotFound);
    try {
        stats.distribution(create().distribution_id, {.granularity = "week", .tz = "Nope"});
        FAIL() << "no ValidationFailed";
    } catch (const ValidationFailed& e) {
        ASSERT_EQ(e.errors().size(), 2u);
        EXPECT_EQ(e.errors()[0].field, "granularity");
        EXPECT_EQ(e.errors()[1].field, "tz");
    }
}

TEST_F(StatsServiceTest, CatalogSumsEveryDistributionByDayWithTheMostViewed) {
    const auto a = create_with_slug("kurs-a");
    const auto b = create_with_slug("kurs-b");
    const auto c = create_with_slug("kurs-c");
    bucket(a.distribution_id, kStartHour, "view", "direct", 3);
    bucket(b.distribution_id, kStartHour - 1, "view", "direct", 5);
    bucket(b.distribution_id, kStartHour, "click", "open_course", 2);
    bucket(c.distribution_id, kStartHour, "click", "open_course", 1);
    // Hourly is not a catalog granularity: the catalog answers by day.
    const auto s = stats.catalog({.granularity = "hour"});
    ASSERT_EQ(s.series.size(), 30u);
    EXPECT_EQ(s.series.back().views, 8);
    EXPECT_EQ(s.series.back().clicks, 3);
    EXPECT_EQ(s.totals.views, 8);
    ASSERT_EQ(s.top.size(), 2u);
    EXPECT_EQ(s.top[0].slug, "kurs-b");
    EXPECT_EQ(s.top[0].clicks, 2);
    EXPECT_EQ(s.top[1].slug, "kurs-a");
}

}  // namespace
}  // namespace coursedist::service::testing
