#include "storage/sqlite/wal_checkpointer.hpp"

#include "storage/sqlite/sqlite_store.hpp"

#include <spdlog/spdlog.h>

namespace coursedist::storage::sqlite {

WalCheckpointer::WalCheckpointer(const std::string& path, int busy_timeout_ms, int threshold_pages)
    : threshold_pages_(threshold_pages),
      // A checkpoint syncs the database file whatever the setting; it writes no transactions.
      connection_(path, busy_timeout_ms, SqliteSynchronous::Full),
      loop_("sqlite checkpointer", [this] { return checkpoint_if_requested(); }) {
    loop_.start();
}

WalCheckpointer::~WalCheckpointer() {
    loop_.stop();
}

void WalCheckpointer::watch(Connection& connection) {
    sqlite3_wal_hook(connection.handle(), &WalCheckpointer::on_commit, this);
}

std::uint64_t WalCheckpointer::completed() const {
    return completed_.load();
}

int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int wal_pages) {
    auto& checkpointer = *static_cast<WalCheckpointer*>(self);
    if (wal_pages < checkpointer.threshold_pages_) return SQLITE_OK;
    checkpointer.requested_.store(true);
    checkpointer.loop_.wake();
    return SQLITE_OK;
}

background::Next WalCheckpointer::checkpoint_if_requested() {
    if (requested_.exchange(false)) {
        int wal_pages = 0;
        int copied = 0;
        const int rc = sqlite3_wal_checkpoint_v2(connection_.handle(), nullptr,
                                                 SQLITE_CHECKPOINT_PASSIVE, &wal_pages, &copied);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
            // The next commit past the threshold asks again.
            spdlog::warn("sqlite: checkpoint failed: {}", sqlite3_errmsg(connection_.handle()));
        }
        ++completed_;
    }
    return background::Next::when_woken();
}

}  // namespace coursedist::storage::sqlite
