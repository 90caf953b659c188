#pragma once
// The time range of a stats query (spec/analytics.md, "Time series"): `from` and `to` are
// inclusive local dates in the IANA zone `tz`, cut into days or hours that follow the zone's
// offsets (a 23-hour day when DST starts, a 25-hour one when it ends). Counts are stored in
// hourly UTC buckets (hour index = floor(unix_seconds / 3600)); each local bucket is the half-open
// range of UTC hours it holds.
//
// Zones whose offset is not a whole number of hours (Asia/Kolkata +05:30, Asia/Kathmandu +05:45):
// a UTC hour is counted in the local bucket in which it begins. So every UTC hour belongs to
// exactly one bucket, and the series always adds up to the totals; a local day of such a zone
// holds the UTC hours that start between its local midnights.

#include "domain/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::domain {

enum class Granularity { Day, Hour };

inline constexpr int kStatsMaxDays = 400;       // with granularity=day, both ends counted
inline constexpr int kStatsMaxHourlyDays = 31;  // with granularity=hour
inline constexpr int kStatsDefaultDays = 30;    // today included

// The query parameters as sent; absent or empty = nullopt (the default applies).
struct StatsParameters {
    std::optional<std::string> from{};
    std::optional<std::string> to{};
    std::optional<std::string> granularity{};
    std::optional<std::string> tz{};
};

// Half-open range of UTC hour indices [begin, end).
struct HourSpan {
    std::int64_t begin = 0;
    std::int64_t end = 0;
    friend bool operator==(const HourSpan&, const HourSpan&) = default;
};

struct StatsBucket {
    HourSpan hours;
    std::string start;  // local start with its offset: "2026-11-02T00:00:00+01:00"
};

struct StatsRange {
    std::string from;  // YYYY-MM-DD
    std::string to;
    Granularity granularity = Granularity::Day;
    std::string tz;
    std::vector<StatsBucket> buckets;  // in order, adjacent, covering hours()
    HourSpan hours() const { return {buckets.front().hours.begin, buckets.back().hours.end}; }
};

struct ResolvedStatsRange {
    std::optional<StatsRange> range;  // set when errors is empty
    FieldErrors errors;               // every failing parameter, by name
    bool ok() const { return errors.empty(); }
};

// Checks the parameters and cuts the range into buckets. `now` (Unix seconds) decides which day
// is today in `tz`: `to` defaults to today, `from` to 29 days before `to`.
ResolvedStatsRange resolve_stats_range(const StatsParameters& parameters, double now);

std::string to_string(Granularity granularity);

}  // namespace coursedist::domain
