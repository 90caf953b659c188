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
    const Params top(hours.begin, hours.end, most_viewed_limit);
    for (const auto& r : w.exec_params(sql().most_viewed, top.dynamic()))
        out.most_viewed.push_back({text_of(r[0]), text_of(r[1]), text_of(r[2]),
                                   r[3].as<std::int64_t>(), r[4].as<std::int64_t>()});
    return out;
}

}  // namespace coursedist::storage::postgres
