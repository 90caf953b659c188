#include "storage/postgres/stats_queries.hpp"

#include "storage/postgres/params.hpp"
#include "storage/postgres/statements.hpp"
#include "storage/stats_sql.hpp"

namespace coursedist::storage::postgres {

namespace {

const StatsSql& sql() {
    static const StatsSql statements = build_stats_sql(placeholder);
    return statements;
}

// Each distribution's sums over whole days [$1, $2): the totals after its last day in them less
// the totals before its first (two index lookups, not a pass over every day's row).
constexpr const char* kDaySums =
    "SELECT d.distribution_id, last.views_after - first.views_before,"
    " last.clicks_after - first.clicks_before FROM distributions AS d"
    " JOIN LATERAL (SELECT views_after, clicks_after FROM counter_days AS c"
    " WHERE c.distribution_id = d.distribution_id AND c.day >= $1::bigint AND c.day < $2::bigint"
    " ORDER BY c.day DESC LIMIT 1) AS last ON true"
    " JOIN LATERAL (SELECT views_before, clicks_before FROM counter_days AS c"
    " WHERE c.distribution_id = d.distribution_id AND c.day >= $1::bigint AND c.day < $2::bigint"
    " ORDER BY c.day LIMIT 1) AS first ON true";

std::string text_of(const pqxx::field& f) {
    return std::string(f.c_str(), f.size());
}

std::vector<HourCounts> read_hours(const pqxx::result& result) {
    std::vector<HourCounts> out;
    out.reserve(result.size());
    for (const auto& r : result)
        out.push_back({r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::int64_t>()});
    return out;
}

}  // namespace

std::vector<HourCounts> hourly_counts(pqxx::work& w, std::string_view distribution_id,
                                      domain::HourSpan hours) {
    const Params params(distribution_id, hours.begin, hours.end);
    return read_hours(w.exec_params(sql().hourly, params.dynamic()));
}

std::vector<CategoryCount> category_counts(pqxx::work& w, std::string_view distribution_id,
                                           domain::HourSpan hours) {
    const Params params(distribution_id, hours.begin, hours.end);
    std::vector<CategoryCount> out;
    for (const auto& r : w.exec_params(sql().categories, params.dynamic()))
        out.push_back({counter_of_kind(text_of(r[0])), text_of(r[1]), r[2].as<std::int64_t>()});
    return out;
}

CatalogCounts catalog_counts(pqxx::work& w, domain::HourSpan hours, int most_viewed_limit) {
    CatalogCounts out;
    const Params range(hours.begin, hours.end);
    out.hours = read_hours(w.exec_params(sql().catalog_hourly, range.dynamic()));
    CatalogSums sums;
    const auto split = split_into_days(hours);
    if (split.has_days()) {
        const Params days(split.first_day, split.end_day);
        for (const auto& r : w.exec_params(kDaySums, days.dynamic()))
            sums.add(text_of(r[0]), RangeSums{r[1].as<std::int64_t>(), r[2].as<std::int64_t>()});
    }
    for (const auto edge : split.edges) {
        const Params edge_range(edge.begin, edge.end);
        for (const auto& r : w.exec_params(sql().catalog_rows, edge_range.dynamic()))
            sums.add(text_of(r[2]), counter_of_kind(text_of(r[1])), r[3].as<std::int64_t>());
    }
    out.most_viewed = sums.most_viewed(
        most_viewed_limit,
        [&](const std::string& id) -> std::optional<std::pair<std::string, std::string>> {
            const Params of(id);
            const auto r = w.exec_params(sql().title_of, of.dynamic());
            if (r.empty()) return std::nullopt;
            return std::pair{text_of(r[0][0]), text_of(r[0][1])};
        });
    return out;
}

void prune_rollups(pqxx::work& w, std::int64_t hour_before, int limit) {
    const Params hours(hour_before, limit);
    w.exec_params(sql().prune_catalog_hours, hours.dynamic());
    const Params days(day_of_hour(hour_before), limit);
    w.exec_params(sql().prune_days, days.dynamic());
}

}  // namespace coursedist::storage::postgres
