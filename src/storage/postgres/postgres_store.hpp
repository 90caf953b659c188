#pragma once
// The PostgreSQL backend of storage::Store (libpqxx). Same semantics as the SQLite backend
// (storage/sqlite/sqlite_store.hpp) where the interface leaves a choice:
//
// - Connections come from a pool of at most pool_size, opened on demand; each prepares the named
//   statements of statements.hpp. A connection that failed is closed rather than reused; a
//   transaction whose BEGIN fails on a connection that sat idle retries once on a fresh one, so
//   after a server restart the first request does not fail for every stale pooled connection.
// - begin_read() and begin_write() are both READ COMMITTED transactions (a read may call
//   unpublished_outbox, which locks rows). Several instances may write concurrently: counters are
//   single atomic UPDATE … RETURNING statements, the unique slug is the database's constraint.
// - A statement refused by a constraint (taken slug, duplicate id, remove() of a parent) runs
//   inside a savepoint, so the transaction stays usable after the refusal, as on SQLite.
// - Errors: see errors.hpp (connection loss, shutdown, serialization failure, deadlock →
//   StorageUnavailable); the unique slug constraint → SlugTaken; others → std::runtime_error.
// - remove() of a distribution that still has variants throws std::runtime_error; update() of an
//   unknown id throws std::runtime_error; count_public() counts what list(catalog=true) lists.
// - Outbox: append_outbox() takes a transaction-level advisory lock first, so transactions that
//   append events commit one at a time and seq order equals commit order (the price: writers that
//   produce events serialise on that lock from the append to the commit — keep appends last).
//   unpublished_outbox() returns rows only to the one transaction holding the relay lock
//   (pg_try_advisory_xact_lock; others get an empty list) and locks them FOR UPDATE SKIP LOCKED,
//   so with several instances relaying each row is published by one at a time, in seq order.
// - migrate() runs under pg_advisory_xact_lock in one transaction: two instances starting at once
//   apply each migration once.

#include "storage/store.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace coursedist::storage {

struct PostgresOptions {
    int pool_size = 4;
    // Waiting longer for a free pooled connection throws StorageUnavailable.
    std::chrono::milliseconds acquire_timeout{5000};
    // Added to the URI unless it sets connect_timeout itself.
    int connect_timeout_seconds = 5;
};

// `uri`: a libpq connection URI (postgresql://user:pw@host:port/db?…) or key=value string. Opens
// no connection yet and does not migrate; failures to connect surface as StorageUnavailable from
// the first operation.
std::unique_ptr<Store> open_postgres_store(const std::string& uri, const PostgresOptions& options);
std::unique_ptr<Store> open_postgres_store(const std::string& uri, int pool_size);

}  // namespace coursedist::storage
