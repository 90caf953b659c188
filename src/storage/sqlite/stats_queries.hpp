#pragma once
// The statistics queries of Transaction (store.hpp) on one SQLite connection, inside the
// transaction that holds it.

#include "storage/store.hpp"

#include <string_view>
#include <vector>

namespace coursedist::storage::sqlite {

class Connection;

std::vector<HourCounts> hourly_counts(Connection& c, std::string_view distribution_id,
                                      domain::HourSpan hours);
std::vector<HourCounts> catalog_hourly_counts(Connection& c, domain::HourSpan hours);
std::vector<CategoryCount> category_counts(Connection& c, std::string_view distribution_id,
                                           domain::HourSpan hours);
std::vector<DistributionCounts> most_viewed(Connection& c, domain::HourSpan hours, int limit);

}  // namespace coursedist::storage::sqlite
