#include "storage/postgres/statements.hpp"

#include <pqxx/pqxx>

#include <string>

namespace coursedist::storage::postgres {

void prepare_statements(pqxx::connection_base& connection) {
    for (const auto& statement : kPreparedStatements) {
        connection.prepare(std::string(statement.name), std::string(statement.sql));
    }
}

}  // namespace coursedist::storage::postgres
