#pragma once
// Handlers are bound to the routes of the route table by operation id, and the router is built
// from the table: each route gets its handler behind the access check and the limit the table
// declares. Binding an id the table does not have, binding one twice, or building a router while
// a route has no handler is a programming error (std::logic_error), caught by every test that
// starts the service.

#include "http/auth.hpp"
#include "http/rate_limit.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::http {

class RouteHandlers {
  public:
    void bind(std::string_view operation_id, Handler handler);
    // Null when `operation_id` has no handler.
    const Handler* find(std::string_view operation_id) const;
    // The table's routes that have no handler, in table order.
    std::vector<std::string_view> unbound() const;

  private:
    std::map<std::string, Handler, std::less<>> handlers_;
};

// What the table's access and limit classes need.
struct RouteGuards {
    const AdminAuth& auth;
    // Null: visitor counters are not limited (--public-rate-limit off).
    std::shared_ptr<ClientRateLimiter> visitor_limit;
};

enum class Coverage {
    Every,  // the service: every route of the table must have its handler
    Bound,  // a test of one module: only the bound routes are routed
};

Router build_router(const RouteHandlers& handlers, const RouteGuards& guards,
                    Coverage coverage = Coverage::Every);

// Wraps a handler so it runs only for a valid admin token.
Handler admin_only(const AdminAuth& auth, Handler handler);

}  // namespace coursedist::http
