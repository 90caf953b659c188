#include "storage/postgres/statements.hpp"

#include <pqxx/pqxx>

#include <string>

namespace coursedist::storage::postgres {

std::string placeholder(int index, SqlType type) {
    std::string text = "$" + std::to_string(index);
    switch (type) {
        case SqlType::Text:
            return text + "::text";
        case SqlType::Json:
            return text + "::jsonb";
        case SqlType::Real:
            return text + "::double precision";
        case SqlType::Integer:
            return text + "::bigint";
    }
    return text;
}

std::string select_distributions_where(std::string_view condition) {
    return distribution_select() + " WHERE " + std::string(condition);
}

void prepare_statements(pqxx::connection_base& connection) {
    for (const Statement* statement : kPreparedStatements) {
        connection.prepare(std::string(statement->name), statement->sql);
    }
}

}  // namespace coursedist::storage::postgres
