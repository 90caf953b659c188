#include "storage/sqlite/wal_checkpointer.hpp"

#include <spdlog/spdlog.h>

namespace coursedist::storage::sqlite {

WalCheckpointer::WalCheckpointer(const std::string& path, int busy_timeout_ms, int threshold_pages)
    : threshold_pages_(threshold_pages),
      connection_(path, busy_timeout_ms),
      thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void WalCheckpointer::watch(Connection& connection) {
    sqlite3_wal_hook(connection.handle(), &WalCheckpointer::on_commit, this);
}

std::uint64_t WalCheckpointer::completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
}

int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int wal_pages) {
    auto& checkpointer = *static_cast<WalCheckpointer*>(self);
    if (wal_pages < checkpointer.threshold_pages_) return SQLITE_OK;
    {
        std::lock_guard lock(checkpointer.mutex_);
        checkpointer.requested_ = true;
    }
    checkpointer.wake_.notify_one();
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return requested_ || stopping_; });
        if (stopping_) return;
        requested_ = false;
        lock.unlock();
        int wal_pages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(connection_.handle(), nullptr,
                                                 SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
            // The next commit past the threshold asks again.
            spdlog::warn("sqlite: checkpoint failed: {}", sqlite3_errmsg(connection_.handle()));
        }
        lock.lock();
        ++completed_;
    }
}

}  // namespace coursedist::storage::sqlite
