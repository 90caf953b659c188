#pragma once
// What every connection of the PostgreSQL store sets on its session before its first statement.

#include <pqxx/pqxx>

namespace coursedist::storage::postgres {

// synchronous_commit = on: a commit is acknowledged only once its WAL is flushed, so an
// acknowledged write survives a power loss (spec/durability.md), whatever the server or role
// default says. client_min_messages = warning: CREATE … IF NOT EXISTS notices stay off stderr.
void configure_session(pqxx::connection& connection);

}  // namespace coursedist::storage::postgres
