// Binding handlers to the route table, and what the router built from it applies: the access
// check and the visitor limit each route declares.
#include "http/route_binding.hpp"
#include "http/problem.hpp"

#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

constexpr const char* kToken = "route-binding-test-token-0123";

Handler answering(int status) {
    return [status](const Request&, const PathParams&) {
        Response r;
        r.status = status;
        return r;
    };
}

RouteHandlers every_route_answering(int status) {
    RouteHandlers handlers;
    for (const auto& route : route_table()) handlers.bind(route.operation_id, answering(status));
    return handlers;
}

Request request(std::string method, std::string path, bool with_token = false) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.target = r.path;
    if (with_token) r.headers.push_back({"Authorization", std::string("Bearer ") + kToken});
    return r;
}

int call(const Router& router, const Request& req) {
    auto match = router.match(req.method, req.path);
    if (!match.handler) return -1;
    try {
        return (*match.handler)(req, match.params).status;
    } catch (const HttpError& e) {
        return e.status();
    }
}

TEST(RouteBinding, BindingAnOperationTheTableLacksIsRefused) {
    RouteHandlers handlers;
    EXPECT_THROW(handlers.bind("addedWithoutATableEntry", answering(200)), std::logic_error);
}

TEST(RouteBinding, BindingAnOperationTwiceIsRefused) {
    RouteHandlers handlers;
    handlers.bind("healthz", answering(200));
    EXPECT_THROW(handlers.bind("healthz", answering(200)), std::logic_error);
}

TEST(RouteBinding, TheServiceRouterNeedsAHandlerForEveryRoute) {
    AdminAuth auth({kToken});
    RouteHandlers handlers;
    handlers.bind("healthz", answering(200));
    try {
        build_router(handlers, {auth, nullptr});
        FAIL() << "built a router with unbound routes";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("listCatalog"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find("healthz"), std::string::npos) << e.what();
    }
    EXPECT_EQ(handlers.unbound().size(), route_table().size() - 1);
    auto partial = build_router(handlers, {auth, nullptr}, Coverage::Bound);
    EXPECT_EQ(partial.routes().size(), 1u);
}

TEST(RouteBinding, RoutesAreServedWithTheAccessTheyDeclare) {
    AdminAuth auth({kToken});
    const auto router = build_router(every_route_answering(299), {auth, nullptr});
    int admin_routes = 0;
    for (const auto& route : route_table()) {
        std::string path(route.path);
        for (auto [capture, value] : {std::pair{"{id}", "dist_0123456789abcdef"},
                                      {"{key}", "dist_0123456789abcdef"},
                                      {"{slug}", "some-course"},
                                      {"{page}", "2"}})
            if (auto at = path.find(capture); at != std::string::npos)
                path.replace(at, std::string_view(capture).size(), value);
        SCOPED_TRACE(path);
        const int anonymous = call(router, request(std::string(route.method), path));
        const int authorized = call(router, request(std::string(route.method), path, true));
        EXPECT_EQ(authorized, 299);
        if (route.access == Access::Admin) {
            EXPECT_EQ(anonymous, 401);
            ++admin_routes;
        } else {
            // Public, pages, and the public-or-admin path (its handler decides by the key).
            EXPECT_EQ(anonymous, 299);
        }
        if (route.head) {
            EXPECT_EQ(call(router, request("HEAD", path)), 299);
        }
    }
    EXPECT_GT(admin_routes, 10);
}

TEST(RouteBinding, VisitorCountersOverTheLimitAreServedAndMarkedNotRefused) {
    AdminAuth auth({kToken});
    RateLimitSettings settings;
    settings.per_second = 0.001;
    settings.burst = 1;
    auto limiter = std::make_shared<ClientRateLimiter>(settings);
    RouteHandlers handlers;
    for (const auto& route : route_table())
        handlers.bind(route.operation_id, [](const Request& req, const PathParams&) {
            Response r;
            r.status = req.over_visitor_limit ? 298 : 200;  // what the handler was told
            return r;
        });
    const auto router = build_router(handlers, {auth, limiter});
    const auto visitor = [](std::string method, std::string path) {
        auto r = request(std::move(method), std::move(path));
        r.client_address = "192.0.2.7";
        r.headers.push_back({"user-agent", "Mozilla/5.0"});
        return r;
    };
    EXPECT_EQ(call(router, visitor("GET", "/courses/some-course")), 200);
    EXPECT_EQ(call(router, visitor("GET", "/courses/some-course")), 298);
    // One bucket for the client's counted requests.
    EXPECT_EQ(call(router, visitor("GET", "/courses/some-course/enroll")), 298);
    EXPECT_EQ(call(router, visitor("HEAD", "/courses/some-course")), 200);
    EXPECT_EQ(call(router, visitor("HEAD", "/courses/some-course/enroll")), 200);
    EXPECT_EQ(call(router, visitor("GET", "/api/distributions/catalog")), 200);  // not a counter
}

}  // namespace
}  // namespace coursedist::http
