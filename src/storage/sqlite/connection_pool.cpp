#include "storage/sqlite/connection_pool.hpp"

#include <algorithm>
#include <utility>

namespace coursedist::storage::sqlite {

// --- ConnectionPool -----------------------------------------------------------------------------

ConnectionPool::ConnectionPool(std::string path, SqliteOptions options,
                               WalCheckpointer& checkpointer)
    : path_(std::move(path)), options_(options), checkpointer_(checkpointer) {
    options_.pool_size = std::max(options_.pool_size, 1);
    options_.busy_timeout_ms = std::max(options_.busy_timeout_ms, 0);
    idle_.push_back(open_connection());
    open_ = 1;
}

std::chrono::milliseconds ConnectionPool::timeout() const {
    return std::chrono::milliseconds(options_.busy_timeout_ms);
}

std::unique_ptr<Connection> ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, timeout(),
                             [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
        throw StorageUnavailable("sqlite: no free connection in the pool");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }
    ++open_;
    lock.unlock();
    try {
        return open_connection();
    } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
    }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
    const bool reusable = !connection->in_transaction();
    {
        std::lock_guard lock(mutex_);
        if (reusable) {
            idle_.push_back(std::move(connection));
        } else {
            --open_;
        }
    }
    available_.notify_one();
    connection.reset();
}

std::unique_ptr<Connection> ConnectionPool::open_connection() {
    auto connection =
        std::make_unique<Connection>(path_, options_.busy_timeout_ms, options_.synchronous);
    checkpointer_.watch(*connection);
    return connection;
}

// --- WriterGate ---------------------------------------------------------------------------------

bool WriterGate::acquire(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!free_.wait_for(lock, timeout, [&] { return !taken_; })) return false;
    taken_ = true;
    return true;
}

void WriterGate::release() {
    {
        std::lock_guard lock(mutex_);
        taken_ = false;
    }
    free_.notify_one();
}

// --- StoreConnections ---------------------------------------------------------------------------

StoreConnections::StoreConnections(const std::string& path, const SqliteOptions& options)
    : checkpointer(path, std::max(options.busy_timeout_ms, 0),
                   std::max(options.wal_checkpoint_pages, 1)),
      pool(path, options, checkpointer) {}

// --- Lease --------------------------------------------------------------------------------------

Lease::Lease(std::shared_ptr<StoreConnections> connections, bool writer)
    : connections_(std::move(connections)) {
    if (writer) {
        if (!connections_->writer.acquire(connections_->pool.timeout())) {
            throw StorageUnavailable("sqlite: timed out waiting for the writer turn");
        }
        writer_ = true;
    }
    try {
        connection_ = connections_->pool.acquire();
    } catch (...) {
        if (writer_) connections_->writer.release();
        throw;
    }
}

Lease::~Lease() {
    if (connection_->in_transaction()) {
        sqlite3_exec(connection_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    connections_->pool.release(std::move(connection_));
    if (writer_) connections_->writer.release();
}

}  // namespace coursedist::storage::sqlite
