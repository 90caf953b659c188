#include "storage/postgres/session.hpp"

namespace coursedist::storage::postgres {

void configure_session(pqxx::connection& connection) {
    pqxx::nontransaction(connection)
        .exec("SET synchronous_commit = on; SET client_min_messages = warning");
}

}  // namespace coursedist::storage::postgres
