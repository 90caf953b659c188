#pragma once
// The statistics queries of Transaction (store.hpp, "Statistics") over counter_buckets, shared by
// the SQL backends, each spelling its placeholders. Parameters: the distribution id (where there
// is one), then the first and the end hour of the range, then the limit (most_viewed).

#include "storage/sql_value.hpp"
#include "storage/store.hpp"

#include <string>

namespace coursedist::storage {

struct StatsSql {
    std::string hourly;          // hour, views, clicks
    std::string catalog_hourly;  // hour, views, clicks
    std::string categories;      // kind, category, count
    std::string most_viewed;     // distribution_id, slug, title, views, clicks
    // The rows of the range for aggregating elsewhere: hour, kind, distribution_id, count.
    std::string catalog_rows;
    std::string title_of;  // slug, title of the distribution_id
};

StatsSql build_stats_sql(Placeholder placeholder);

}  // namespace coursedist::storage
