#pragma once

#include <string>
#include <string_view>

namespace coursedist::domain {

// A strong entity tag (quoted) for a representation: 64-bit FNV-1a of its bytes.
std::string strong_etag(std::string_view representation);

}  // namespace coursedist::domain

#include "domain/model.hpp"

namespace coursedist::domain {

// The strong ETag of a distribution's full admin representation (GET /api/distributions/{id});
// PUT's If-Match is compared against it.
std::string admin_etag(const Distribution& d);

}  // namespace coursedist::domain
