// Fuzzes what happens to a request line before a handler runs: the raw target is decoded
// (http::decode_target, as the server does) and the decoded path routed (http::Router::match) over
// the service's route table. The first byte picks the method, the rest is the target.
//
// Invariants: a decoded path starts with '/' and holds no `..` and no NUL (path traversal never
// reaches a handler); a match captures non-empty parameters without '/' and belongs to the
// request's method; a miss lists each allowed method once, sorted.

#include "fuzz_check.hpp"
#include "http/router.hpp"
#include "http/target_decoding.hpp"
#include "route_table.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace coursedist;

constexpr std::string_view kMethods[] = {"GET",    "HEAD",  "POST",   "PUT",
                                         "DELETE", "PATCH", "OPTIONS"};

// Each handler answers with its route's index in the table, so a match can be checked against it.
const http::Router& service_router() {
    static const http::Router router = [] {
        http::Router r;
        for (std::size_t i = 0; i < std::size(fuzz::kRoutes); ++i) {
            const auto [method, pattern] = fuzz::kRoutes[i];
            r.add(std::string(method), std::string(pattern),
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
    const auto route = fuzz::kRoutes[(*match.handler)(http::Request{}, match.params).status];
    FUZZ_CHECK(route.first == method);
    FUZZ_CHECK(route.second == match.pattern);
    for (const auto& [name, value] : match.params) {
        FUZZ_CHECK(!name.empty());
        FUZZ_CHECK(!value.empty());
        FUZZ_CHECK(value.find('/') == std::string::npos);
    }
    return 0;
}
