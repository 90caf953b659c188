#pragma once
// The SQLite backend of storage::Store.
//
// - Every connection runs in WAL mode with synchronous=FULL (or NORMAL when asked),
//   foreign_keys=ON and a busy timeout.
//   The WAL is checkpointed by a thread of the store (wal_checkpointer.hpp), not by the commits.
// - Connections come from a pool of at most pool_size (opened on demand); each caches its prepared
//   statements by SQL text. A Transaction holds one connection until it is destroyed, and must be
//   used by one thread at a time.
// - begin_read() = BEGIN (deferred), begin_write() = BEGIN IMMEDIATE; write transactions of one
//   store are also serialised in-process, so they queue instead of polling SQLite's busy handler.
//   Waiting longer than busy_timeout_ms (for a connection, the writer turn or the database lock)
//   throws StorageUnavailable. Writes belong in begin_write() transactions.
// - Errors: BUSY/LOCKED/CANTOPEN/IOERR/FULL/PROTOCOL → StorageUnavailable; the unique slug
//   constraint → SlugTaken; anything else → std::runtime_error with SQLite's message.
// - remove() of a distribution that still has variants throws std::runtime_error (the foreign key
//   derived_from is ON DELETE RESTRICT); it returns false for an unknown id. Its changelog goes
//   with it.
// - update() writes every field except distribution_id, created_at and the two counters (which only
//   increment/increment_readable change); it throws std::runtime_error for an unknown id.
// - count_public() counts what list(catalog=true) lists: public and published.

#include "storage/store.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace coursedist::storage {

// How a commit reaches the disk (spec/durability.md). Full: the WAL is synced at every commit,
// so an acknowledged write survives a power loss or kernel crash. Normal: synced only at
// checkpoints; survives a crash of the process, not of the machine.
enum class SqliteSynchronous { Full, Normal };

// "full" or "normal"; nullopt otherwise.
std::optional<SqliteSynchronous> parse_sqlite_synchronous(std::string_view text);

struct SqliteOptions {
    int pool_size = 4;
    int busy_timeout_ms = 5000;
    // WAL size (pages, 4 KiB each) past which a commit asks the background checkpointer to run.
    // Above SQLite's default of 1000: a hot page (a popular course, the outbox tail) rewritten many
    // times is copied once per checkpoint (measured: +10 % page views/s at 4000).
    int wal_checkpoint_pages = 4000;
    SqliteSynchronous synchronous = SqliteSynchronous::Full;
};

// Opens (creating if needed) the database file; its directory must exist. Does not migrate.
// Throws StorageUnavailable when the file cannot be opened.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const SqliteOptions& options);
std::unique_ptr<Store> open_sqlite_store(const std::string& path, int pool_size);

}  // namespace coursedist::storage
