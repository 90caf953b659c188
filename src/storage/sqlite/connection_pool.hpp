#pragma once
// The connections of one SQLite store: a pool of at most pool_size (opened on demand, each
// watched by the store's WAL checkpointer), the one-writer-at-a-time gate, and Lease, which
// borrows a connection (and for writers the writer turn) for one transaction. Waiting longer than
// busy_timeout_ms for either throws StorageUnavailable.

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/wal_checkpointer.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace coursedist::storage::sqlite {

class ConnectionPool {
  public:
    // `checkpointer` checkpoints for every connection of the pool; it must outlive them. Opens
    // one connection right away so an unusable path fails at start-up.
    ConnectionPool(std::string path, SqliteOptions options, WalCheckpointer& checkpointer);

    std::chrono::milliseconds timeout() const;
    std::unique_ptr<Connection> acquire();
    // A connection still inside a transaction (rollback failed) is closed instead of reused.
    void release(std::unique_ptr<Connection> connection);

  private:
    std::unique_ptr<Connection> open_connection();

    std::string path_;
    SqliteOptions options_;
    WalCheckpointer& checkpointer_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;
};

// One writer at a time per store. Not a std::mutex: a transaction may end on another thread.
class WriterGate {
  public:
    bool acquire(std::chrono::milliseconds timeout);
    void release();

  private:
    std::mutex mutex_;
    std::condition_variable free_;
    bool taken_ = false;
};

struct StoreConnections {
    StoreConnections(const std::string& path, const SqliteOptions& options);
    WalCheckpointer checkpointer;  // declared first: outlives the pool's connections
    ConnectionPool pool;
    WriterGate writer;
};

// A connection borrowed from the pool (and, for writers, the writer turn), given back on
// destruction after rolling back whatever is still open.
class Lease {
  public:
    Lease(std::shared_ptr<StoreConnections> connections, bool writer);
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Connection& connection() { return *connection_; }

  private:
    std::shared_ptr<StoreConnections> connections_;
    std::unique_ptr<Connection> connection_;
    bool writer_ = false;
};

}  // namespace coursedist::storage::sqlite
