#include "storage/postgres/errors.hpp"

namespace coursedist::storage::postgres {

bool is_connection_state(const std::string& sqlstate) {
    return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
           sqlstate == "57P03";
}

bool is_transient_state(const std::string& sqlstate) {
    return is_connection_state(sqlstate) || sqlstate == "40001" || sqlstate == "40P01" ||
           sqlstate.starts_with("53") || sqlstate == "57014";
}

bool is_unique_violation_of(const pqxx::sql_error& error, std::string_view constraint) {
    // libpqxx 6 does not expose the constraint field of the error; PostgreSQL quotes the
    // constraint's name in the message whatever the message language is.
    return error.sqlstate() == "23505" &&
           std::string_view(error.what()).find(constraint) != std::string_view::npos;
}

}  // namespace coursedist::storage::postgres
