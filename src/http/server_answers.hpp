#pragma once
// The answers the server gives by itself, without a handler: a problem for a request it cannot
// hand on (400, 413, 431), and a bare 500 for a handler that failed (nothing of the failure in it).

#include "http/message.hpp"

#include <string_view>

namespace coursedist::http {

// {"type":"about:blank","title":…,"status":…[,"detail":…]} as application/problem+json. The
// detail is a fixed text of the server's: it is not escaped.
Response server_problem(int status, std::string_view detail);
Response internal_error();

}  // namespace coursedist::http
