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

struct Sums {
    std::int64_t views = 0;
    std::int64_t clicks = 0;
};

struct IdHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view id) const { return std::hash<std::string_view>{}(id); }
};
using SumsById = std::unordered_map<std::string, Sums, IdHash, std::equal_to<>>;

// The distributions with the most views, ties by slug: each group of equal views is looked up
// (slug, title; deleted ones left out) and ordered by slug, until `limit` are found.
std::vector<DistributionCounts> most_viewed_of(Connection& c, const SumsById& sums, int limit) {
    std::vector<std::pair<const std::string*, Sums>> viewed;
    for (const auto& [id, s] : sums)
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
        for (auto it = group; it != end; ++it) {
            auto s = c.prepare(sql().title_of);
            s.bind_all(*it->first);
            if (s.step())
                tied.push_back(
                    {*it->first, s.text(0), s.text(1), it->second.views, it->second.clicks});
        }
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
    std::vector<Sums> by_hour(
        static_cast<std::size_t>(std::max<std::int64_t>(hours.end - hours.begin, 0)));
    SumsById by_distribution;
    auto s = c.prepare(sql().catalog_rows);
    s.bind_all(hours.begin, hours.end);
    while (s.step()) {
        const bool view = counter_of_kind(s.text_view(1)) == Counter::Views;
        const auto count = s.integer(3);
        const auto id = s.text_view(2);
        auto found = by_distribution.find(id);
        if (found == by_distribution.end())
            found = by_distribution.emplace(std::string(id), Sums{}).first;
        auto& hour = by_hour[static_cast<std::size_t>(s.integer(0) - hours.begin)];
        (view ? hour.views : hour.clicks) += count;
        (view ? found->second.views : found->second.clicks) += count;
    }
    CatalogCounts out;
    for (std::size_t i = 0; i < by_hour.size(); ++i)
        if (by_hour[i].views != 0 || by_hour[i].clicks != 0)
            out.hours.push_back(
                {hours.begin + static_cast<std::int64_t>(i), by_hour[i].views, by_hour[i].clicks});
    out.most_viewed = most_viewed_of(c, by_distribution, most_viewed_limit);
    return out;
}

}  // namespace coursedist::storage::sqlite
