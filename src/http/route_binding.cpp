#include "http/route_binding.hpp"

#include <stdexcept>

namespace coursedist::http {

void RouteHandlers::bind(std::string_view operation_id, Handler handler) {
    if (!find_route(operation_id))
        throw std::logic_error("no route '" + std::string(operation_id) +
                               "' in the route table (src/http/route_table.cpp)");
    if (!handlers_.emplace(std::string(operation_id), std::move(handler)).second)
        throw std::logic_error("route '" + std::string(operation_id) + "' bound twice");
}

const Handler* RouteHandlers::find(std::string_view operation_id) const {
    auto it = handlers_.find(operation_id);
    return it == handlers_.end() ? nullptr : &it->second;
}

std::vector<std::string_view> RouteHandlers::unbound() const {
    std::vector<std::string_view> missing;
    for (const auto& route : route_table())
        if (!find(route.operation_id)) missing.push_back(route.operation_id);
    return missing;
}

Handler admin_only(const AdminAuth& auth, Handler handler) {
    return [&auth, handler = std::move(handler)](const Request& req, const PathParams& params) {
        auth.require(req);
        return handler(req, params);
    };
}

namespace {

Handler guarded(const Route& route, Handler handler, const RouteGuards& guards) {
    if (route.access == Access::Admin) handler = admin_only(guards.auth, std::move(handler));
    return handler;
}

}  // namespace

Router build_router(const RouteHandlers& handlers, const RouteGuards& guards, Coverage coverage) {
    if (coverage == Coverage::Every) {
        if (auto missing = handlers.unbound(); !missing.empty()) {
            std::string names;
            for (auto name : missing) names += (names.empty() ? "" : ", ") + std::string(name);
            throw std::logic_error("routes without a handler: " + names);
        }
    }
    Router router;
    for (const auto& route : route_table()) {
        const Handler* handler = handlers.find(route.operation_id);
        if (!handler) continue;
        auto served = guarded(route, *handler, guards);
        // HEAD counts nothing, so it takes no token of the visitor limit.
        if (route.head) router.add("HEAD", std::string(route.path), served);
        if (route.limit == Limit::VisitorCounter && guards.visitor_limit)
            served = counted_within_limit(guards.visitor_limit, std::move(served));
        router.add(std::string(route.method), std::string(route.path), std::move(served));
    }
    return router;
}

}  // namespace coursedist::http
