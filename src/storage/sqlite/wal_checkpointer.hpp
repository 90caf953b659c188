#pragma once
// Checkpoints the write-ahead log on a thread of its own. SQLite's automatic checkpoint runs
// inside the commit that pushes the WAL past its threshold, copying pages and syncing the database
// file while the writer (and everyone queued behind it) waits; measured, that wait capped the
// landing page at ~7,000 views/s. Here a commit past the threshold only asks for a checkpoint.
// Durability is unchanged: a commit is in the WAL either way.

#include "background/loop.hpp"
#include "storage/sqlite/sqlite_db.hpp"

#include <atomic>
#include <cstdint>
#include <string>

namespace coursedist::storage::sqlite {

class WalCheckpointer {
  public:
    // Opens its own connection to `path` and starts its thread. threshold_pages: WAL size that
    // asks for a checkpoint (SQLite's own default is 1000).
    WalCheckpointer(const std::string& path, int busy_timeout_ms, int threshold_pages);
    ~WalCheckpointer();  // stops the thread; connections it watches must be closed before
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Replaces the connection's automatic checkpoint by a request to this thread.
    void watch(Connection& connection);
    // Checkpoints run so far (each PASSIVE: as much as readers allow, never waiting for them).
    std::uint64_t completed() const;

  private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
    background::Next checkpoint_if_requested();

    int threshold_pages_;
    Connection connection_;  // the loop thread's only
    std::atomic<bool> requested_{false};
    std::atomic<std::uint64_t> completed_{0};
    background::Loop loop_;  // last: stopped before the connection closes
};

}  // namespace coursedist::storage::sqlite
