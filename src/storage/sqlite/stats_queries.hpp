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
std::vector<CategoryCount> category_counts(Connection& c, std::string_view distribution_id,
                                           domain::HourSpan hours);
// One pass over the range's rows (through the covering index on hour), summed here: SQLite would
// sort them once for the hours and once more for the distributions.
CatalogCounts catalog_counts(Connection& c, domain::HourSpan hours, int most_viewed_limit);

}  // namespace coursedist::storage::sqlite
