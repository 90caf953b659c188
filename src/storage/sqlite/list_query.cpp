#include "storage/sqlite/list_query.hpp"

#include "storage/sqlite/statements.hpp"

namespace coursedist::storage::sqlite {

namespace {

std::string target_group_contains(const std::string& placeholder) {
    return "EXISTS (SELECT 1 FROM json_each(distributions.target_group) WHERE json_each.value = " +
           placeholder + ")";
}

constexpr SqlDialect kDialect{placeholder, target_group_contains};

}  // namespace

ListSql build_list_sql(const ListQuery& query) {
    return storage::build_list_sql(query, kDialect);
}

}  // namespace coursedist::storage::sqlite
