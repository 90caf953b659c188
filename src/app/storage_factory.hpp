#pragma once

#include "storage/store.hpp"

#include <memory>
#include <string>

namespace coursedist::app {

// `sqlite:<path>` (parent folders created) or `postgresql://…`; throws std::runtime_error with a
// message for the user otherwise.
std::unique_ptr<storage::Store> open_store(const std::string& uri, int pool_size);

}  // namespace coursedist::app
