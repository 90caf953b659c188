#include "storage/postgres/list_query.hpp"

#include "storage/postgres/statements.hpp"

namespace coursedist::storage::postgres {

namespace {

// jsonb `?`: the array has this string as an element (served by the GIN index).
std::string target_group_contains(const std::string& placeholder) {
    return "target_group ? " + placeholder;
}

constexpr SqlDialect kDialect{placeholder, target_group_contains};

}  // namespace

ListSql build_list_sql(const ListQuery& query) {
    return storage::build_list_sql(query, kDialect);
}

}  // namespace coursedist::storage::postgres
