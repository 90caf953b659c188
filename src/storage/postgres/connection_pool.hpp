#pragma once
// A fixed-size pool of PostgreSQL connections, opened on demand. A connection that failed (lost,
// server restarted) is marked by its lease and closed instead of going back, so the pool heals by
// itself: the next acquire opens a fresh one. Connecting waits at most connect_timeout_seconds
// (added to the URI unless it sets connect_timeout), and waiting for a free connection at most
// acquire_timeout; both failures throw StorageUnavailable.

#include "storage/postgres/errors.hpp"
#include "storage/store.hpp"

#include <pqxx/pqxx>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace coursedist::storage::postgres {

struct PoolOptions {
    int size = 4;
    std::chrono::milliseconds acquire_timeout{5000};
    int connect_timeout_seconds = 5;
};

class ConnectionPool;

// A connection borrowed from the pool, given back (or closed when marked lost) on destruction.
class PooledConnection {
  public:
    PooledConnection(ConnectionPool& pool, std::unique_ptr<pqxx::connection> connection,
                     bool reused)
        : pool_(&pool), connection_(std::move(connection)), reused_(reused) {}
    PooledConnection(PooledConnection&& other) noexcept;
    PooledConnection& operator=(PooledConnection&&) = delete;
    PooledConnection(const PooledConnection&) = delete;
    ~PooledConnection();

    pqxx::connection& get() { return *connection_; }
    // True when the connection was idle in the pool: it may have died meanwhile.
    bool reused() const { return reused_; }
    void mark_lost() { lost_ = true; }

  private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> connection_;
    bool reused_ = false;
    bool lost_ = false;
};

class ConnectionPool {
  public:
    using OnConnect = std::function<void(pqxx::connection&)>;
    ConnectionPool(std::string uri, PoolOptions options, OnConnect on_connect);

    PooledConnection acquire();
    // Closes every idle connection: after one turned out dead, the others probably are too.
    void drop_idle();

  private:
    friend class PooledConnection;
    void release(std::unique_ptr<pqxx::connection> connection, bool lost);
    std::unique_ptr<pqxx::connection> connect();

    std::string uri_;
    PoolOptions options_;
    OnConnect on_connect_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    int open_ = 0;
};

// Acquires a connection and runs `first_use(connection)` on it, translating errors (errors.hpp).
// When that fails as StorageUnavailable on a connection that sat idle in the pool — most likely
// killed by a server restart, noticed only now — the idle connections are dropped and
// `first_use` runs once more on a fresh one. So only use it for work that is safe to repeat after
// a lost connection (a BEGIN, a read, a migration that checks what is applied). Returns the
// connection for further use.
template <typename FirstUse>
PooledConnection acquire_live(ConnectionPool& pool, FirstUse&& first_use) {
    for (int attempt = 1;; ++attempt) {
        PooledConnection connection = pool.acquire();
        try {
            translate_errors([&] { first_use(connection); }, [&] { connection.mark_lost(); });
            return connection;
        } catch (const StorageUnavailable&) {
            if (!connection.reused() || attempt > 1) throw;
            connection.mark_lost();
        }
        pool.drop_idle();
    }
}

// The URI with connect_timeout added when it has none (URI or key=value form).
std::string with_connect_timeout(const std::string& uri, int seconds);

}  // namespace coursedist::storage::postgres
