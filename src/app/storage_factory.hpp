#pragma once

#include "app/config.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"

#include <memory>
#include <optional>
#include <string>

namespace coursedist::app {

// What only the SQLite backend reads. busy_timeout_ms: how long a SQLite write waits for a lock
// held elsewhere before failing as unavailable (the backend's default when unset).
struct SqliteSettings {
    std::optional<int> busy_timeout_ms;
    storage::SqliteSynchronous synchronous = storage::SqliteSynchronous::Full;
};

// The SQLite settings of the command line (--sqlite-busy-timeout-ms, --sqlite-synchronous).
SqliteSettings sqlite_settings(const Config& config);

// `sqlite:<path>` (parent folders created) or `postgresql://…`; throws std::runtime_error with a
// message for the user otherwise.
std::unique_ptr<storage::Store> open_store(const std::string& uri, int pool_size,
                                           const SqliteSettings& sqlite = {});

}  // namespace coursedist::app
