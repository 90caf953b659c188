#pragma once
// The listing query of Transaction::list in PostgreSQL's dialect (storage/list_sql.hpp), sent
// unprepared.

#include "storage/list_sql.hpp"

namespace coursedist::storage::postgres {

ListSql build_list_sql(const ListQuery& query);

}  // namespace coursedist::storage::postgres
