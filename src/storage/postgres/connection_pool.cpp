#include "storage/postgres/connection_pool.hpp"

#include "storage/postgres/errors.hpp"
#include "storage/store.hpp"

#include <algorithm>

namespace coursedist::storage::postgres {

std::string with_connect_timeout(const std::string& uri, int seconds) {
    if (seconds <= 0 || uri.find("connect_timeout") != std::string::npos) return uri;
    const std::string setting = "connect_timeout=" + std::to_string(seconds);
    const bool is_uri = uri.starts_with("postgresql://") || uri.starts_with("postgres://");
    if (!is_uri) return uri + (uri.empty() ? "" : " ") + setting;
    return uri + (uri.find('?') == std::string::npos ? "?" : "&") + setting;
}

PooledConnection::PooledConnection(PooledConnection&& other) noexcept
    : pool_(other.pool_),
      connection_(std::move(other.connection_)),
      reused_(other.reused_),
      lost_(other.lost_) {}

PooledConnection::~PooledConnection() {
    if (connection_) pool_->release(std::move(connection_), lost_);
}

ConnectionPool::ConnectionPool(std::string uri, PoolOptions options, OnConnect on_connect)
    : uri_(with_connect_timeout(uri, options.connect_timeout_seconds)),
      options_(options),
      on_connect_(std::move(on_connect)) {
    options_.size = std::max(options_.size, 1);
}

std::unique_ptr<pqxx::connection> ConnectionPool::connect() {
    return translate_errors(
        [&] {
            try {
                auto connection = std::make_unique<pqxx::connection>(uri_);
                if (on_connect_) on_connect_(*connection);
                return connection;
            } catch (const pqxx::broken_connection& e) {
                // The message names host and port but not the password: safe to pass on.
                throw StorageUnavailable(std::string("postgresql: cannot connect: ") + e.what());
            }
        },
        [] {});
}

PooledConnection ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, options_.acquire_timeout,
                             [&] { return !idle_.empty() || open_ < options_.size; })) {
        throw StorageUnavailable("postgresql: no free connection in the pool");
    }
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return PooledConnection(*this, std::move(connection), true);
    }
    ++open_;
    lock.unlock();
    try {
        return PooledConnection(*this, connect(), false);
    } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
    }
}

void ConnectionPool::drop_idle() {
    std::vector<std::unique_ptr<pqxx::connection>> dropped;
    {
        std::lock_guard lock(mutex_);
        dropped.swap(idle_);
        open_ -= static_cast<int>(dropped.size());
    }
    available_.notify_all();
}  // closed here, outside the lock

void ConnectionPool::release(std::unique_ptr<pqxx::connection> connection, bool lost) {
    const bool reusable = !lost && connection->is_open();
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

}  // namespace coursedist::storage::postgres
