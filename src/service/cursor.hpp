#pragma once
// Opaque page cursors: the keyset position (sort key, distribution id) hex-encoded, so a client
// copies it into a URL as it is.

#include "storage/store.hpp"

#include <optional>
#include <string>

namespace coursedist::service {

std::string encode_cursor(const storage::ListCursor& cursor);
std::optional<storage::ListCursor> decode_cursor(std::string_view token);

}  // namespace coursedist::service
