#include "storage/sqlite/stats_queries.hpp"

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/statements.hpp"
#include "storage/stats_sql.hpp"

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

std::vector<HourCounts> catalog_hourly_counts(Connection& c, domain::HourSpan hours) {
    auto s = c.prepare(sql().catalog_hourly);
    s.bind_all(hours.begin, hours.end);
    return read_hours(s);
}

std::vector<CategoryCount> category_counts(Connection& c, std::string_view distribution_id,
                                           domain::HourSpan hours) {
    auto s = c.prepare(sql().categories);
    s.bind_all(distribution_id, hours.begin, hours.end);
    std::vector<CategoryCount> out;
    while (s.step())
        out.push_back({s.text(0) == kClickKind ? Counter::Enrollments : Counter::Views, s.text(1),
                       s.integer(2)});
    return out;
}

std::vector<DistributionCounts> most_viewed(Connection& c, domain::HourSpan hours, int limit) {
    auto s = c.prepare(sql().most_viewed);
    s.bind_all(hours.begin, hours.end, limit);
    std::vector<DistributionCounts> out;
    while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.integer(3), s.integer(4)});
    return out;
}

}  // namespace coursedist::storage::sqlite
