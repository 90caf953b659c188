// Fuzzes what happens to a request line before a handler runs: the raw target is decoded
// (http::decode_target, as the server does) and the decoded path routed (http::Router::match) over
// the service's route table. The first byte picks the method, the rest is the target.
//
// Invariants: a decoded path starts with '/' and holds no `..` and no NUL (path traversal never
// reaches a handler); a match captures non-empty parameters without '/' and belongs to the
// request's method; a miss lists each allowed method once, sorted.

#include "fuzz_check.hpp"
#include "http/route_table.hpp"
#include "http/router.hpp"
#include "http/target_decoding.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace coursedist;

constexpr std::string_view kMethods[] = {"GET",    "HEAD",  "POST",   "PUT",
                                         "DELETE", "PATCH", "OPTIONS"};

struct TableRoute {
    std::string method;
    std::string_view pattern;
};

// The service's routes (the route table, HEAD included where it answers HEAD).
const std::vector<TableRoute>& table_routes() {
    static const std::vector<TableRoute> routes = [] {
        std::vector<TableRoute> out;
        for (const auto& route : http::route_table()) {
            out.push_back({std::string(route.method), route.path});
            if (route.head) out.push_back({"HEAD", route.path});
        }
        return out;
    }();
    return routes;
}

// Each handler answers with its route's index in table_routes(), so a match can be checked
// against it.
const http::Router& service_router() {
    static const http::Router router = [] {
        http::Router r;
        const auto& routes = table_routes();
        for (std::size_t i = 0; i < routes.size(); ++i) {
            r.add(routes[i].method, std::string(routes[i].pattern),
                  [i](const http::Request&, const http::PathParams&) {
                      http::Response response;
                      response.status = static_cast<int>(i);
                      return response;
                  });
        }
        return r;
    }();
    return router;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto method = kMethods[data[0] % std::size(kMethods)];
    const std::string_view target(reinterpret_cast<const char*>(data + 1), size - 1);

    auto decoded = http::decode_target(target);
    if (!decoded) return 0;  // 400
    FUZZ_CHECK(decoded->path.starts_with('/'));
    FUZZ_CHECK(decoded->path.find("..") == std::string::npos);
    FUZZ_CHECK(decoded->path.find('\0') == std::string::npos);

    const auto match = service_router().match(method, decoded->path);
    if (match.handler == nullptr) {
        FUZZ_CHECK(std::is_sorted(match.allow.begin(), match.allow.end()));
        FUZZ_CHECK(std::adjacent_find(match.allow.begin(), match.allow.end()) == match.allow.end());
        FUZZ_CHECK(std::find(match.allow.begin(), match.allow.end(), method) == match.allow.end());
        return 0;
    }
    const auto& route = table_routes()[(*match.handler)(http::Request{}, match.params).status];
    FUZZ_CHECK(route.method == method);
    FUZZ_CHECK(route.pattern == match.pattern);
    for (const auto& [name, value] : match.params) {
        FUZZ_CHECK(!name.empty());
        FUZZ_CHECK(!value.empty());
        FUZZ_CHECK(value.find('/') == std::string::npos);
    }
    return 0;
}
