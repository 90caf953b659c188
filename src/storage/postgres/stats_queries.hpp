#pragma once
// The statistics queries of Transaction (store.hpp) in one PostgreSQL transaction. Sent unprepared
// (exec_params): each connection prepares its statements when it opens, before migrations may
// have created counter_buckets.

#include "storage/store.hpp"

#include <pqxx/pqxx>

#include <cstdint>
#include <string_view>
#include <vector>

namespace coursedist::storage::postgres {

std::vector<HourCounts> hourly_counts(pqxx::work& w, std::string_view distribution_id,
                                      domain::HourSpan hours);
std::vector<CategoryCount> category_counts(pqxx::work& w, std::string_view distribution_id,
                                           domain::HourSpan hours);
CatalogCounts catalog_counts(pqxx::work& w, domain::HourSpan hours, int most_viewed_limit);
// Deletes the rollups of up to `limit` hours and days before `hour_before` (days wholly before it).
void prune_rollups(pqxx::work& w, std::int64_t hour_before, int limit);

}  // namespace coursedist::storage::postgres
