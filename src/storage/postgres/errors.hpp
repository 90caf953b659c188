#pragma once
// How PostgreSQL failures map onto the storage interface's errors:
// - the connection is gone or unusable (pqxx::broken_connection, SQLSTATE class 08, 57P01-03
//   server shutting down), the outcome of a commit is unknown (in_doubt_error), serialization
//   failures and deadlocks (40001, 40P01), insufficient resources (class 53), cancelled statements
//   (57014) → StorageUnavailable: retrying later may succeed;
// - everything else stays a pqxx error (a std::runtime_error with PostgreSQL's message).

#include "storage/store.hpp"

#include <pqxx/pqxx>

#include <exception>
#include <string>
#include <utility>

namespace coursedist::storage::postgres {

// SQLSTATEs after which the connection itself cannot be trusted any more.
bool is_connection_state(const std::string& sqlstate);
// SQLSTATEs that mean "try again later".
bool is_transient_state(const std::string& sqlstate);
bool is_unique_violation_of(const pqxx::sql_error& error, std::string_view constraint);

// Runs `work`, translating PostgreSQL failures as described above. `on_connection_lost` is called
// first when the connection must not be reused.
template <typename Work, typename OnConnectionLost>
decltype(auto) translate_errors(Work&& work, OnConnectionLost&& on_connection_lost) {
    try {
        return std::forward<Work>(work)();
    } catch (const pqxx::broken_connection& e) {
        on_connection_lost();
        throw StorageUnavailable(std::string("postgresql: connection lost: ") + e.what());
    } catch (const pqxx::in_doubt_error& e) {
        on_connection_lost();
        throw StorageUnavailable(std::string("postgresql: commit outcome unknown: ") + e.what());
    } catch (const pqxx::transaction_rollback& e) {
        throw StorageUnavailable(std::string("postgresql: transaction rolled back: ") + e.what());
    } catch (const pqxx::sql_error& e) {
        if (is_connection_state(e.sqlstate())) on_connection_lost();
        if (is_transient_state(e.sqlstate())) {
            throw StorageUnavailable("postgresql: " + e.sqlstate() + ": " + e.what());
        }
        throw;
    }
}

}  // namespace coursedist::storage::postgres
