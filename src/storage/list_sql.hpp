#pragma once
// The listing query of Transaction::list, shared by the SQL backends: its WHERE clause depends on
// the filters given, so it is built per call. It asks for one row more than the page to know
// whether a next page exists. Each backend supplies its dialect (list_query.hpp in its folder).

#include "storage/sql_value.hpp"
#include "storage/store.hpp"

#include <string>
#include <vector>

namespace coursedist::storage {

struct SqlDialect {
    Placeholder placeholder;
    // The condition "the JSON array column target_group has this string", given its placeholder.
    std::string (*target_group_contains)(const std::string& placeholder);
};

struct ListSql {
    std::string sql;
    std::vector<SqlValue> params;  // in placeholder order
    int page_size = 0;             // rows beyond it mean "there is a next page"
};

ListSql build_list_sql(const ListQuery& query, const SqlDialect& dialect);

// Call before reading each row: true when the page is already full, so the row only shows that a
// next page exists; page.next is set then, and reading stops.
bool page_is_full(ListPage& page, const ListQuery& query, const ListSql& list_sql);

}  // namespace coursedist::storage
