#include "storage/stats_sql.hpp"

#include <algorithm>

namespace coursedist::storage {

namespace {

std::string sum_of(Counter counter, const char* name) {
    return "CAST(SUM(CASE WHEN kind = '" + std::string(counter_kind(counter)) +
           "' THEN count ELSE 0 END) AS BIGINT) AS " + name;
}

}  // namespace

StatsSql build_stats_sql(Placeholder placeholder) {
    const auto p = [placeholder](int index) { return placeholder(index, SqlType::Integer); };
    const auto id = placeholder(1, SqlType::Text);
    const std::string counts =
        sum_of(Counter::Views, "views") + ", " + sum_of(Counter::Enrollments, "clicks");
    const std::string in_days = " WHERE distribution_id = " + id + " AND day >= " + p(2) +
                                " AND day < " + p(3) + " ORDER BY day";
    StatsSql sql;
    sql.hourly = "SELECT hour, " + counts + " FROM counter_buckets WHERE distribution_id = " + id +
                 " AND hour >= " + p(2) + " AND hour < " + p(3) + " GROUP BY hour ORDER BY hour";
    sql.categories =
        "SELECT kind, category, CAST(SUM(count) AS BIGINT) FROM counter_buckets"
        " WHERE distribution_id = " +
        id + " AND hour >= " + p(2) + " AND hour < " + p(3) +
        " GROUP BY kind, category HAVING SUM(count) > 0 ORDER BY kind DESC, category";
    sql.catalog_hourly =
        "SELECT hour, CAST(SUM(views) AS BIGINT), CAST(SUM(clicks) AS BIGINT)"
        " FROM counter_catalog_hours WHERE hour >= " +
        p(1) + " AND hour < " + p(2) +
        " GROUP BY hour HAVING SUM(views) <> 0 OR SUM(clicks) <> 0 ORDER BY hour";
    sql.catalog_rows =
        "SELECT hour, kind, distribution_id, count FROM counter_buckets WHERE hour >= " + p(1) +
        " AND hour < " + p(2);
    sql.distribution_ids = "SELECT distribution_id FROM distributions";
    sql.first_day = "SELECT views_before, clicks_before FROM counter_days" + in_days + " LIMIT 1";
    sql.last_day = "SELECT views_after, clicks_after FROM counter_days" + in_days + " DESC LIMIT 1";
    sql.title_of = "SELECT slug, title FROM distributions WHERE distribution_id = " + id;
    // By hours, with all their shards: an hour with rows has at least one bucket (a shard may
    // not), so the rollups run out no later than the buckets do.
    sql.prune_catalog_hours =
        "DELETE FROM counter_catalog_hours WHERE hour IN (SELECT DISTINCT hour FROM "
        "counter_catalog_hours WHERE hour < " +
        p(1) + " ORDER BY hour LIMIT " + p(2) + ")";
    sql.prune_days =
        "DELETE FROM counter_days WHERE (distribution_id, day) IN (SELECT distribution_id, day "
        "FROM counter_days WHERE day < " +
        p(1) + " LIMIT " + p(2) + ")";
    return sql;
}

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
}  // namespace

std::int64_t day_of_hour(std::int64_t hour) {
    return floor_div(hour, 24);
}

DaySplit split_into_days(domain::HourSpan hours) {
    DaySplit split;
    split.first_day = day_of_hour(hours.begin + 23);
    split.end_day = day_of_hour(hours.end);
    if (!split.has_days()) {
        if (hours.begin < hours.end) split.edges.push_back(hours);
        return split;
    }
    if (hours.begin < split.first_day * 24)
        split.edges.push_back({hours.begin, split.first_day * 24});
    if (split.end_day * 24 < hours.end) split.edges.push_back({split.end_day * 24, hours.end});
    return split;
}

void CatalogSums::add(std::string_view distribution_id, RangeSums sums) {
    auto found = sums_.find(distribution_id);
    if (found == sums_.end())
        found = sums_.emplace(std::string(distribution_id), RangeSums{}).first;
    found->second.views += sums.views;
    found->second.clicks += sums.clicks;
}

void CatalogSums::add(std::string_view distribution_id, Counter counter, std::int64_t count) {
    add(distribution_id, counter == Counter::Views ? RangeSums{count, 0} : RangeSums{0, count});
}

std::vector<DistributionCounts> CatalogSums::most_viewed(int limit,
                                                         const Describe& describe) const {
    std::vector<std::pair<const std::string*, RangeSums>> viewed;
    for (const auto& [id, s] : sums_)
        if (s.views > 0) viewed.emplace_back(&id, s);
    std::sort(viewed.begin(), viewed.end(),
              [](const auto& a, const auto& b) { return a.second.views > b.second.views; });
    std::vector<DistributionCounts> out;
    for (auto group = viewed.begin();
         group != viewed.end() && static_cast<int>(out.size()) < limit;) {
        const auto end = std::find_if(group, viewed.end(), [&](const auto& v) {
            return v.second.views != group->second.views;
        });
        std::vector<DistributionCounts> tied;
        for (auto it = group; it != end; ++it)
            if (auto about = describe(*it->first))
                tied.push_back({*it->first, std::move(about->first), std::move(about->second),
                                it->second.views, it->second.clicks});
        std::sort(tied.begin(), tied.end(),
                  [](const auto& a, const auto& b) { return a.slug < b.slug; });
        for (auto& d : tied) {
            if (static_cast<int>(out.size()) == limit) break;
            out.push_back(std::move(d));
        }
        group = end;
    }
    return out;
}

}  // namespace coursedist::storage
