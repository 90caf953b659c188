#pragma once
// The statistics queries of Transaction (store.hpp) on one SQLite connection, inside the
// transaction that holds it.

#include "storage/store.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace coursedist::storage::sqlite {

class Connection;

std::vector<HourCounts> hourly_counts(Connection& c, std::string_view distribution_id,
                                      domain::HourSpan hours);
std::vector<CategoryCount> category_counts(Connection& c, std::string_view distribution_id,
                                           domain::HourSpan hours);
// The hours from counter_catalog_hours; the distributions' sums from two lookups each in
// counter_days for the range's whole days, plus the buckets of the hours at its ends.
CatalogCounts catalog_counts(Connection& c, domain::HourSpan hours, int most_viewed_limit);
// Deletes the rollups of up to `limit` hours and days before `hour_before` (days wholly before it).
void prune_rollups(Connection& c, std::int64_t hour_before, int limit);

}  // namespace coursedist::storage::sqlite
