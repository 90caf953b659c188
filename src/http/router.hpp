#pragma once
// Maps (method, path) to a handler. Patterns are literal segments and `{name}` captures, e.g.
// `/api/distributions/{id}/publish`; a capture may sit between a literal prefix and suffix inside
// its segment (`/sitemap-{page}.xml`). A literal segment wins over a capture at the same place,
// and a capture with a prefix/suffix over a bare one.

#include "http/message.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace coursedist::http {

using PathParams = std::map<std::string, std::string, std::less<>>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

struct RouteMatch {
    const Handler* handler = nullptr;  // null: no route for this path and method
    PathParams params;
    std::string_view pattern;        // the matched pattern (the router's own), for metrics labels
    std::vector<std::string> allow;  // methods the path has (405 + Allow when non-empty)
};

class Router {
  public:
    void add(std::string method, std::string pattern, Handler handler);
    RouteMatch match(std::string_view method, std::string_view path) const;
    // Every (method, pattern) registered, in registration order (for /openapi.json checks).
    std::vector<std::pair<std::string, std::string>> routes() const;

    // A pattern segment: a literal (`prefix` alone), or a `{name}` capture, optionally between a
    // literal prefix and suffix inside the segment (`sitemap-{page}.xml`).
    struct Segment {
        std::string prefix;
        std::string name;
        std::string suffix;
        bool capture = false;
    };

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<Segment> segments;  // parsed once, when the route is added
        Handler handler;
    };
    std::vector<Route> routes_;
};

}  // namespace coursedist::http
