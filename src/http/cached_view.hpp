#pragma once
// Public JSON views served from the rendered-view cache with a strong ETag, shared by the public
// API and the BRAiN-compatible routes (one cache entry for the same view under both paths).

#include "http/api.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

#include <functional>
#include <string>

namespace coursedist::http {

// The view under `key` from the cache, or rendered now (and cached); then ETag +
// Cache-Control, or 304 when the client already has it.
Response cached_view(const Request& request, ApiDependencies& deps, std::string key,
                     const std::function<boost::json::value()>& render);

}  // namespace coursedist::http
