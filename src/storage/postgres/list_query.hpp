#pragma once
// The listing query of Transaction::list: its WHERE clause depends on the filters given, so it is
// built per call (and sent unprepared). It asks for one row more than the page to know whether a
// next page exists.

#include "storage/postgres/params.hpp"
#include "storage/store.hpp"

#include <string>

namespace coursedist::storage::postgres {

struct ListSql {
    std::string sql;
    int page_size = 0;  // rows beyond it mean "there is a next page"
};

// Appends the query's parameters to `params` in placeholder order.
ListSql build_list_sql(const ListQuery& query, Params& params);

}  // namespace coursedist::storage::postgres
