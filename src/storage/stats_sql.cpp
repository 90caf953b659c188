#include "storage/stats_sql.hpp"

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
    StatsSql sql;
    sql.hourly = "SELECT hour, " + counts + " FROM counter_buckets WHERE distribution_id = " + id +
                 " AND hour >= " + p(2) + " AND hour < " + p(3) + " GROUP BY hour ORDER BY hour";
    sql.catalog_hourly = "SELECT hour, " + counts + " FROM counter_buckets WHERE hour >= " + p(1) +
                         " AND hour < " + p(2) + " GROUP BY hour ORDER BY hour";
    sql.categories =
        "SELECT kind, category, CAST(SUM(count) AS BIGINT) FROM counter_buckets"
        " WHERE distribution_id = " +
        id + " AND hour >= " + p(2) + " AND hour < " + p(3) +
        " GROUP BY kind, category HAVING SUM(count) > 0 ORDER BY kind DESC, category";
    sql.most_viewed =
        "SELECT d.distribution_id, d.slug, d.title, t.views, t.clicks FROM (SELECT "
        "distribution_id, " +
        counts + " FROM counter_buckets WHERE hour >= " + p(1) + " AND hour < " + p(2) +
        " GROUP BY distribution_id) AS t JOIN distributions AS d ON d.distribution_id = "
        "t.distribution_id WHERE t.views > 0 ORDER BY t.views DESC, d.slug LIMIT " +
        p(3);
    sql.catalog_rows =
        "SELECT hour, kind, distribution_id, count FROM counter_buckets WHERE hour >= " + p(1) +
        " AND hour < " + p(2);
    sql.title_of = "SELECT slug, title FROM distributions WHERE distribution_id = " + id;
    return sql;
}

}  // namespace coursedist::storage
