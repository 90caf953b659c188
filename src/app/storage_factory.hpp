#pragma once

#include "storage/store.hpp"

#include <memory>
#include <optional>
#include <string>

namespace coursedist::app {

// `sqlite:<path>` (parent folders created) or `postgresql://…`; throws std::runtime_error with a
// message for the user otherwise. sqlite_busy_timeout_ms: how long a SQLite write waits for a
// lock held elsewhere before failing as unavailable (the backend's default when unset).
std::unique_ptr<storage::Store> open_store(const std::string& uri, int pool_size,
                                           std::optional<int> sqlite_busy_timeout_ms = {});

}  // namespace coursedist::app
