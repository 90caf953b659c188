#pragma once
// The listing query of Transaction::list in SQLite's dialect (storage/list_sql.hpp).

#include "storage/list_sql.hpp"

namespace coursedist::storage::sqlite {

ListSql build_list_sql(const ListQuery& query);

}  // namespace coursedist::storage::sqlite
