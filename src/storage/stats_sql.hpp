#pragma once
// The statistics queries of Transaction (store.hpp, "Statistics") over counter_buckets and their
// rollups (counter_catalog_hours, counter_days: migration 5), shared by the SQL backends, each
// spelling its placeholders; and what both backends do with the rows they read.

#include "storage/sql_value.hpp"
#include "storage/store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace coursedist::storage {

// Parameters: the distribution id (where there is one), then the range (first and end hour, or
// first and end day), then the limit of a prune.
struct StatsSql {
    std::string hourly;          // (id, hours) → hour, views, clicks
    std::string categories;      // (id, hours) → kind, category, count
    std::string catalog_hourly;  // (hours) → hour, views, clicks: from counter_catalog_hours
    // (hours) → hour, kind, distribution_id, count: the buckets themselves, for a few hours.
    std::string catalog_rows;
    std::string distribution_ids;     // every existing distribution's id
    std::string first_day;            // (id, days) → views_before, clicks_before of its first day
    std::string last_day;             // (id, days) → views_after, clicks_after of its last day
    std::string title_of;             // (id) → slug, title
    std::string prune_catalog_hours;  // (hour, limit): the rows of hours before it
    std::string prune_days;           // (day, limit): rows of days before it
};

StatsSql build_stats_sql(Placeholder placeholder);

// A range of UTC hours as whole UTC days [first_day, end_day) (day = hour / 24), read from
// counter_days, and the hours at its ends outside them, read from the buckets (a range in a zone
// that is not UTC starts and ends within UTC days; a short one may hold no whole day).
struct DaySplit {
    std::int64_t first_day = 0;
    std::int64_t end_day = 0;
    std::vector<domain::HourSpan> edges;
    bool has_days() const { return first_day < end_day; }
};
DaySplit split_into_days(domain::HourSpan hours);
// The UTC day an hour falls in.
std::int64_t day_of_hour(std::int64_t hour);

struct RangeSums {
    std::int64_t views = 0;
    std::int64_t clicks = 0;
};

// The catalog's per-distribution sums over a range, then its most viewed distributions.
class CatalogSums {
  public:
    void add(std::string_view distribution_id, RangeSums sums);
    void add(std::string_view distribution_id, Counter counter, std::int64_t count);

    // (slug, title) of an existing distribution; nullopt for a deleted one.
    using Describe =
        std::function<std::optional<std::pair<std::string, std::string>>(const std::string& id)>;
    // At most `limit` existing distributions with views, by views, ties by slug. Only the ones
    // that can make the cut are described (a group of equal views at a time).
    std::vector<DistributionCounts> most_viewed(int limit, const Describe& describe) const;

  private:
    struct IdHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view id) const {
            return std::hash<std::string_view>{}(id);
        }
    };
    std::unordered_map<std::string, RangeSums, IdHash, std::equal_to<>> sums_;
};

}  // namespace coursedist::storage
