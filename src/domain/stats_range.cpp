#include "domain/stats_range.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace coursedist::domain {

namespace {

using std::chrono::seconds;
using SysSeconds = date::sys_seconds;

constexpr std::int64_t kHour = 3600;

// First UTC hour beginning at or after `t`: the first hour a bucket starting at `t` holds.
std::int64_t first_hour_from(SysSeconds t) {
    const auto s = t.time_since_epoch().count();
    return s >= 0 ? (s + kHour - 1) / kHour : -((-s) / kHour);
}

std::optional<date::year_month_day> parse_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const int widths[3] = {4, 2, 2};
    std::size_t pos = 0;
    for (int p = 0; p < 3; ++p) {
        for (int i = 0; i < widths[p]; ++i, ++pos) {
            const char c = text[pos];
            if (c < '0' || c > '9') return std::nullopt;
            parts[p] = parts[p] * 10 + (c - '0');
        }
        ++pos;  // the dash
    }
    const date::year_month_day ymd{date::year{parts[0]},
                                   date::month{static_cast<unsigned>(parts[1])},
                                   date::day{static_cast<unsigned>(parts[2])}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
}

std::string format_date(date::sys_days day) {
    const date::year_month_day ymd{day};
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buffer;
}

// "2026-11-02T00:00:00+01:00": the local time of `t` in `zone` with its offset.
std::string local_timestamp(const date::time_zone& zone, SysSeconds t) {
    const auto offset = zone.get_info(t).offset;
    const auto local = t + offset;
    const auto day = date::floor<date::days>(local);
    const date::hh_mm_ss<seconds> time{local - day};
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(offset).count();
    const long long abs_minutes = minutes < 0 ? -minutes : minutes;
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%sT%02lld:%02lld:%02lld%c%02lld:%02lld",
                  format_date(day).c_str(), static_cast<long long>(time.hours().count()),
                  static_cast<long long>(time.minutes().count()),
                  static_cast<long long>(time.seconds().count()), minutes < 0 ? '-' : '+',
                  abs_minutes / 60, abs_minutes % 60);
    return buffer;
}

// The instant a local day begins: its midnight, or the end of the gap when a transition skips
// midnight.
SysSeconds day_start(const date::time_zone& zone, date::sys_days day) {
    return zone.to_sys(date::local_seconds{day.time_since_epoch()}, date::choose::earliest);
}

std::vector<StatsBucket> cut(const date::time_zone& zone, date::sys_days from, date::sys_days to,
                             Granularity granularity) {
    std::vector<StatsBucket> buckets;
    const auto add = [&](SysSeconds start, SysSeconds end) {
        buckets.push_back(
            {{first_hour_from(start), first_hour_from(end)}, local_timestamp(zone, start)});
    };
    for (auto day = from; day <= to; day += date::days{1}) {
        const auto start = day_start(zone, day);
        const auto end = day_start(zone, day + date::days{1});
        if (granularity == Granularity::Day) {
            add(start, end);
            continue;
        }
        // Hours of real time from the local day's start: 23 of them on a spring-forward day.
        for (auto t = start; t < end; t += seconds{kHour})
            add(t, std::min(t + seconds{kHour}, end));
    }
    return buckets;
}

const date::time_zone* find_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        return nullptr;
    }
}

}  // namespace

std::string to_string(Granularity granularity) {
    return granularity == Granularity::Hour ? "hour" : "day";
}

ResolvedStatsRange resolve_stats_range(const StatsParameters& parameters, double now) {
    ResolvedStatsRange out;
    auto& errors = out.errors;

    Granularity granularity = Granularity::Day;
    bool granularity_known = true;
    if (parameters.granularity) {
        if (*parameters.granularity == "hour") {
            granularity = Granularity::Hour;
        } else if (*parameters.granularity != "day") {
            granularity_known = false;
            errors.push_back({"granularity", "must be day or hour"});
        }
    }

    const std::string tz = parameters.tz.value_or("UTC");
    const date::time_zone* zone = find_zone(tz);
    if (zone == nullptr)
        errors.push_back({"tz", "must be an IANA time zone such as Europe/Berlin"});

    const auto date_parameter = [&](const std::optional<std::string>& text, const char* name) {
        std::optional<date::sys_days> day;
        if (!text) return day;
        if (auto ymd = parse_date(*text))
            day = date::sys_days{*ymd};
        else
            errors.push_back({name, "must be a date YYYY-MM-DD"});
        return day;
    };
    const auto given_from = date_parameter(parameters.from, "from");
    const auto given_to = date_parameter(parameters.to, "to");
    if ((parameters.from && !given_from) || (parameters.to && !given_to)) return out;

    std::optional<date::sys_days> to = given_to;
    if (!to && zone != nullptr) {
        const auto utc = SysSeconds{seconds{static_cast<std::int64_t>(now)}};
        to = date::sys_days{date::floor<date::days>(zone->to_local(utc)).time_since_epoch()};
    }
    if (!to) return out;  // today is unknown without a zone
    const auto from = given_from.value_or(*to - date::days{kStatsDefaultDays - 1});

    if (from > *to) {
        errors.push_back({given_from ? "from" : "to", "must not be after to"});
        return out;
    }
    const int max_days = granularity == Granularity::Hour ? kStatsMaxHourlyDays : kStatsMaxDays;
    if (granularity_known && (*to - from).count() + 1 > max_days) {
        // The end the caller chose is the one to move: `to` when both are given.
        errors.push_back(
            {given_to ? "to" : "from", "the range may hold at most " + std::to_string(max_days) +
                                           " days with granularity=" + to_string(granularity) +
                                           " (both ends counted)"});
    }
    if (!errors.empty()) return out;

    out.range = StatsRange{format_date(from), format_date(*to), granularity, tz,
                           cut(*zone, from, *to, granularity)};
    return out;
}

}  // namespace coursedist::domain
