#include "domain/stats_range.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace coursedist::domain {
namespace {

constexpr double kNoonDecember1 = 1796126400;        // 2026-12-01T12:00:00Z
constexpr std::int64_t kHourOfMarch28At23 = 492983;  // 2026-03-28T23:00Z = 00:00 in Berlin

StatsRange resolved(const StatsParameters& parameters, double now = kNoonDecember1) {
    auto out = resolve_stats_range(parameters, now);
    EXPECT_TRUE(out.ok()) << (out.errors.empty()
                                  ? ""
                                  : out.errors.front().field + ": " + out.errors.front().message);
    if (!out.range) throw std::runtime_error("no range");
    return *out.range;
}

std::vector<std::string> failing_fields(const StatsParameters& parameters,
                                        double now = kNoonDecember1) {
    auto out = resolve_stats_range(parameters, now);
    EXPECT_FALSE(out.range.has_value());
    std::vector<std::string> fields;
    for (const auto& e : out.errors) {
        EXPECT_FALSE(e.message.empty());
        fields.push_back(e.field);
    }
    return fields;
}

std::vector<std::string> starts(const StatsRange& range) {
    std::vector<std::string> out;
    for (const auto& b : range.buckets) out.push_back(b.start);
    return out;
}

// Buckets follow each other without gaps or overlaps.
void expect_adjacent(const StatsRange& range) {
    for (std::size_t i = 1; i < range.buckets.size(); ++i)
        EXPECT_EQ(range.buckets[i - 1].hours.end, range.buckets[i].hours.begin) << i;
}

TEST(StatsRangeTest, DefaultsToTheLast30DaysInUtcByDay) {
    const auto range = resolved({});
    EXPECT_EQ(range.from, "2026-11-02");
    EXPECT_EQ(range.to, "2026-12-01");
    EXPECT_EQ(range.granularity, Granularity::Day);
    EXPECT_EQ(range.tz, "UTC");
    ASSERT_EQ(range.buckets.size(), 30u);
    EXPECT_EQ(range.buckets.front().start, "2026-11-02T00:00:00+00:00");
    EXPECT_EQ(range.buckets.back().start, "2026-12-01T00:00:00+00:00");
    for (const auto& b : range.buckets) EXPECT_EQ(b.hours.end - b.hours.begin, 24);
    expect_adjacent(range);
    // Today's bucket holds the current hour.
    EXPECT_LT(static_cast<std::int64_t>(kNoonDecember1) / 3600, range.hours().end);
}

TEST(StatsRangeTest, TodayIsTheZonesToday) {
    // 23:30 UTC is already the next day in Berlin.
    const double late = 1796167800;  // 2026-12-01T23:30:00Z
    EXPECT_EQ(resolved({.tz = "Europe/Berlin"}, late).to, "2026-12-02");
    EXPECT_EQ(resolved({}, late).to, "2026-12-01");
}

TEST(StatsRangeTest, AMissingEndDefaultsAroundTheGivenOne) {
    auto only_to = resolved({.to = "2026-06-30"});
    EXPECT_EQ(only_to.from, "2026-06-01");
    auto only_from = resolved({.from = "2026-11-20"});
    EXPECT_EQ(only_from.to, "2026-12-01");
    EXPECT_EQ(only_from.buckets.size(), 12u);
}

TEST(StatsRangeTest, LocalStartsCarryTheirOffset) {
    const auto range = resolved({.from = "2026-11-02", .to = "2026-11-03", .tz = "Europe/Berlin"});
    EXPECT_EQ(starts(range),
              (std::vector<std::string>{"2026-11-02T00:00:00+01:00", "2026-11-03T00:00:00+01:00"}));
    const auto west =
        resolved({.from = "2026-07-01", .to = "2026-07-01", .tz = "America/New_York"});
    EXPECT_EQ(west.buckets.front().start, "2026-07-01T00:00:00-04:00");
}

TEST(StatsRangeTest, SpringForwardDayHas23Hours) {
    const auto day = resolved({.from = "2026-03-29", .to = "2026-03-29", .tz = "Europe/Berlin"});
    ASSERT_EQ(day.buckets.size(), 1u);
    EXPECT_EQ(day.buckets[0].hours, (HourSpan{kHourOfMarch28At23, kHourOfMarch28At23 + 23}));
    EXPECT_EQ(day.buckets[0].start, "2026-03-29T00:00:00+01:00");

    const auto hours = resolved(
        {.from = "2026-03-29", .to = "2026-03-29", .granularity = "hour", .tz = "Europe/Berlin"});
    ASSERT_EQ(hours.buckets.size(), 23u);
    EXPECT_EQ(hours.buckets[0].start, "2026-03-29T00:00:00+01:00");
    EXPECT_EQ(hours.buckets[1].start, "2026-03-29T01:00:00+01:00");
    EXPECT_EQ(hours.buckets[2].start, "2026-03-29T03:00:00+02:00");
    EXPECT_EQ(hours.buckets[22].start, "2026-03-29T23:00:00+02:00");
    for (const auto& b : hours.buckets) EXPECT_EQ(b.hours.end - b.hours.begin, 1);
    expect_adjacent(hours);
    EXPECT_EQ(hours.hours(), day.hours());
}

TEST(StatsRangeTest, FallBackDayHas25Hours) {
    const auto days = resolved({.from = "2026-10-24", .to = "2026-10-26", .tz = "Europe/Berlin"});
    ASSERT_EQ(days.buckets.size(), 3u);
    EXPECT_EQ(days.buckets[0].hours.end - days.buckets[0].hours.begin, 24);
    EXPECT_EQ(days.buckets[1].hours.end - days.buckets[1].hours.begin, 25);
    EXPECT_EQ(days.buckets[2].hours.end - days.buckets[2].hours.begin, 24);
    EXPECT_EQ(starts(days),
              (std::vector<std::string>{"2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00",
                                        "2026-10-26T00:00:00+01:00"}));
    expect_adjacent(days);

    const auto hours = resolved(
        {.from = "2026-10-25", .to = "2026-10-25", .granularity = "hour", .tz = "Europe/Berlin"});
    ASSERT_EQ(hours.buckets.size(), 25u);
    EXPECT_EQ(hours.buckets[2].start, "2026-10-25T02:00:00+02:00");
    EXPECT_EQ(hours.buckets[3].start, "2026-10-25T02:00:00+01:00");
    EXPECT_EQ(hours.buckets[24].start, "2026-10-25T23:00:00+01:00");
    expect_adjacent(hours);
}

TEST(StatsRangeTest, HalfHourZonesCountEachUtcHourWhereItBegins) {
    // Kolkata (+05:30): 2026-01-01 starts at 2025-12-31T18:30Z, so its first UTC hour is 19:00Z.
    const std::int64_t hour_19_utc = 490891;
    const auto days = resolved({.from = "2026-01-01", .to = "2026-01-02", .tz = "Asia/Kolkata"});
    EXPECT_EQ(days.buckets[0].start, "2026-01-01T00:00:00+05:30");
    EXPECT_EQ(days.buckets[0].hours, (HourSpan{hour_19_utc, hour_19_utc + 24}));
    expect_adjacent(days);
    const auto hours = resolved(
        {.from = "2026-01-01", .to = "2026-01-01", .granularity = "hour", .tz = "Asia/Kolkata"});
    ASSERT_EQ(hours.buckets.size(), 24u);
    EXPECT_EQ(hours.buckets[0].start, "2026-01-01T00:00:00+05:30");
    EXPECT_EQ(hours.buckets[0].hours, (HourSpan{hour_19_utc, hour_19_utc + 1}));
    EXPECT_EQ(hours.hours(), days.buckets[0].hours);
}

TEST(StatsRangeTest, LimitsCountBothEnds) {
    EXPECT_EQ(resolved({.from = "2025-10-28", .to = "2026-12-01"}).buckets.size(), 400u);
    EXPECT_EQ(failing_fields({.from = "2025-10-27", .to = "2026-12-01"}),
              std::vector<std::string>{"to"});
    EXPECT_EQ(failing_fields({.from = "2025-10-27"}), std::vector<std::string>{"from"});
    EXPECT_EQ(
        resolved({.from = "2026-11-01", .to = "2026-12-01", .granularity = "hour"}).buckets.size(),
        31u * 24u);
    EXPECT_EQ(failing_fields({.from = "2026-10-31", .to = "2026-12-01", .granularity = "hour"}),
              std::vector<std::string>{"to"});
}

TEST(StatsRangeTest, FromAfterToNamesFrom) {
    EXPECT_EQ(failing_fields({.from = "2026-11-03", .to = "2026-11-02"}),
              std::vector<std::string>{"from"});
    EXPECT_EQ(failing_fields({.from = "2026-12-02"}), std::vector<std::string>{"from"});
}

TEST(StatsRangeTest, BadDatesAreRefused) {
    for (const char* bad : {"2026-02-30", "2026-1-01", "20261101", "2026-11-01T00:00", "yesterday",
                            "2026-13-01", "+026-11-01"})
        EXPECT_EQ(failing_fields({.from = bad}), std::vector<std::string>{"from"}) << bad;
    EXPECT_EQ(failing_fields({.to = "2026-11-31"}), std::vector<std::string>{"to"});
    EXPECT_EQ(resolved({.from = "2024-02-29", .to = "2024-03-01"}).buckets.size(), 2u);
}

TEST(StatsRangeTest, UnknownGranularityAndZoneAreRefused) {
    EXPECT_EQ(failing_fields({.granularity = "week"}), std::vector<std::string>{"granularity"});
    EXPECT_EQ(failing_fields({.granularity = "Day"}), std::vector<std::string>{"granularity"});
    EXPECT_EQ(failing_fields({.tz = "Mars/Olympus_Mons"}), std::vector<std::string>{"tz"});
    EXPECT_EQ(failing_fields({.tz = "../../etc/passwd"}), std::vector<std::string>{"tz"});
}

TEST(StatsRangeTest, EveryFailingParameterIsReportedAtOnce) {
    auto fields = failing_fields(
        {.from = "2026-99-01", .to = "never", .granularity = "week", .tz = "Nowhere/Land"});
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (std::vector<std::string>{"from", "granularity", "to", "tz"}));
    auto range_and_zone = failing_fields({.from = "2026-11-03", .to = "2026-11-02", .tz = "Nope"});
    std::sort(range_and_zone.begin(), range_and_zone.end());
    EXPECT_EQ(range_and_zone, (std::vector<std::string>{"from", "tz"}));
}

}  // namespace
}  // namespace coursedist::domain
