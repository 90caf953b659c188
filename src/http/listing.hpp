#pragma once
// Listing responses shared by the public catalog and the admin list.

#include "domain/model.hpp"
#include "http/message.hpp"
#include "service/distribution_service.hpp"

#include <boost/json/value.hpp>

namespace coursedist::http {

// `{"items": [...], "next_cursor": …}`, each item through `encode`.
boost::json::value list_body(const service::ListResult& result,
                             boost::json::value (*encode)(const domain::Distribution&));
// Filters, limit (1-100, default 50) and cursor from the query string.
service::ListRequest list_request(const Request& request, bool catalog);

}  // namespace coursedist::http
