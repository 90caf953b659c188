#include "http/dispatcher.hpp"

#include "http/problem.hpp"
#include "service/errors.hpp"
#include "storage/store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace coursedist::http {

Dispatcher::Dispatcher(const Router& router, service::Metrics& metrics)
    : router_(router), metrics_(metrics) {}

Response Dispatcher::operator()(Request& request) const {
    auto started = std::chrono::steady_clock::now();
    std::string route = "unmatched";
    Response response = dispatch(request, route);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_.observe_request(route, request.method, response.status, seconds);
    return response;
}

Response Dispatcher::dispatch(const Request& request, std::string& route) const {
    auto match = router_.match(request.method, request.path);
    if (!match.handler) {
        if (match.allow.empty()) return problem(404, "no such resource");
        std::string allow;
        for (const auto& m : match.allow) allow += (allow.empty() ? "" : ", ") + m;
        return problem(405, "method not allowed").set("Allow", allow);
    }
    route = match.pattern;
    try {
        return (*match.handler)(request, match.params);
    } catch (const HttpError& e) {
        auto r = e.response();
        if (e.status() == 401) r.set("WWW-Authenticate", "Bearer realm=\"coursedist\"");
        return r;
    } catch (const service::ValidationFailed& e) {
        return problem(422, "the request is invalid", e.errors());
    } catch (const service::NotFound& e) {
        return problem(404, "not found");
    } catch (const service::Conflict& e) {
        return problem(409, e.what());
    } catch (const service::PreconditionFailed& e) {
        return problem(412, e.what());
    } catch (const storage::StorageUnavailable& e) {
        spdlog::warn("request {} {}: storage unavailable: {}", request.method, route, e.what());
        return problem(503, "the database is unavailable; retry shortly").set("Retry-After", "1");
    } catch (const std::exception& e) {
        spdlog::error("request {} {} (id {}) failed: {}", request.method, route, request.request_id,
                      e.what());
        return problem(500, "internal error; quote the X-Request-ID when reporting it");
    }
}

}  // namespace coursedist::http
