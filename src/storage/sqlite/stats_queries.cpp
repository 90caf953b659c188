#include "storage/sqlite/stats_queries.hpp"

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/statements.hpp"
#include "storage/stats_sql.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace coursedist::storage::sqlite {

namespace {

const StatsSql& sql() {
    static const StatsSql statements = build_stats_sql(placeholder);
    return statements;
}

std::vector<HourCounts> read_hours(Stmt& s) {
    std::vector<HourCounts> out;
    while (s.step()) out.push_back({s.integer(0), s.integer(1), s.integer(2)});
    return out;
}

}  // namespace

std::vector<HourCounts> hourly_counts(Connection& c, std::string_view distribution_id,
                                      domain::HourSpan hours) {
    auto s = c.prepare(sql().hourly);
    s.bind_all(distribution_id, hours.begin, hours.end);
    return read_hours(s);
}

std::vector<CategoryCount> category_counts(Connection& c, std::string_view distribution_id,
                                           domain::HourSpan hours) {
    auto s = c.prepare(sql().categories);
    s.bind_all(distribution_id, hours.begin, hours.end);
    std::vector<CategoryCount> out;
    while (s.step()) out.push_back({counter_of_kind(s.text_view(0)), s.text(1), s.integer(2)});
    return out;
}

CatalogCounts catalog_counts(Connection& c, domain::HourSpan hours, int most_viewed_limit) {
    CatalogCounts out;
    {
        auto s = c.prepare(sql().catalog_hourly);
        s.bind_all(hours.begin, hours.end);
        out.hours = read_hours(s);
    }
    CatalogSums sums;
    const auto split = split_into_days(hours);
    if (split.has_days()) {
        auto ids = c.prepare(sql().distribution_ids);
        while (ids.step()) {
            const auto id = ids.text_view(0);
            auto last = c.prepare(sql().last_day);
            last.bind_all(id, split.first_day, split.end_day);
            if (!last.step()) continue;  // nothing counted in these days
            auto first = c.prepare(sql().first_day);
            first.bind_all(id, split.first_day, split.end_day);
            first.step();
            sums.add(id, RangeSums{last.integer(0) - first.integer(0),
                                   last.integer(1) - first.integer(1)});
        }
    }
    for (const auto edge : split.edges) {
        auto s = c.prepare(sql().catalog_rows);
        s.bind_all(edge.begin, edge.end);
        while (s.step()) sums.add(s.text_view(2), counter_of_kind(s.text_view(1)), s.integer(3));
    }
    out.most_viewed = sums.most_viewed(
        most_viewed_limit,
        [&](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
            auto s = c.prepare(sql().title_of);
            s.bind_all(id);
            if (!s.step()) return std::nullopt;
            return std::pair{s.text(0), s.text(1)};
        });
    return out;
}

void prune_rollups(Connection& c, std::int64_t hour_before, int limit) {
    c.prepare(sql().prune_catalog_hours).bind_all(hour_before, limit).run();
    c.prepare(sql().prune_days).bind_all(day_of_hour(hour_before), limit).run();
}

}  // namespace coursedist::storage::sqlite
