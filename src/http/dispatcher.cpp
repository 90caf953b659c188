#include "http/dispatcher.hpp"

#include "http/console_headers.hpp"
#include "http/problem.hpp"
#include "service/errors.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

namespace coursedist::http {

namespace {

using Clock = std::chrono::steady_clock;

// What an error answer needs to know of its request. Views of the request while the handler
// runs; a deferred answer, which outlives the Request, keeps copies (Kept).
struct Asked {
    std::string_view method;
    std::string_view route;
    std::string_view request_id;
};

struct Kept {
    explicit Kept(const Asked& asked)
        : method(asked.method), route(asked.route), request_id(asked.request_id) {}
    Asked asked() const { return {method, route, request_id}; }
    std::string method;
    std::string route;
    std::string request_id;
};

// Runs `make` and maps what it throws to problem+json; a 500 never shows internals.
template <typename Make>
Response answer(const Asked& asked, Make&& make) {
    try {
        return make();
    } catch (const HttpError& e) {
        auto r = e.response();
        if (e.status() == 401) r.set("WWW-Authenticate", "Bearer realm=\"coursedist\"");
        return r;
    } catch (const service::ValidationFailed& e) {
        return problem(422, "the request is invalid", e.errors());
    } catch (const service::Gone& e) {
        return problem(410, "this course was deleted");
    } catch (const service::NotFound& e) {
        return problem(404, "not found");
    } catch (const service::Conflict& e) {
        return problem(409, e.what());
    } catch (const service::PreconditionFailed& e) {
        return problem(412, e.what());
    } catch (const service::Unavailable& e) {
        spdlog::warn("request {} {}: storage unavailable: {}", asked.method, asked.route, e.what());
        return problem(503, "the database is unavailable; retry shortly").set("Retry-After", "1");
    } catch (const std::exception& e) {
        spdlog::error("request {} {} (id {}) failed: {}", asked.method, asked.route,
                      asked.request_id, e.what());
        return problem(500, "internal error; quote the X-Request-ID when reporting it");
    }
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, service::Metrics& metrics)
    : router_(router), metrics_(metrics) {}

Response Dispatcher::operator()(Request& request) const {
    const auto started = Clock::now();
    Asked asked{request.method, "unmatched", request.request_id};
    Response response = dispatch(request, asked.route);
    // The console's pages are answered at once (never deferred), their errors here included.
    if (is_console_path(request.path)) add_console_headers(response);
    const auto observe = [this, started](const Asked& asked, int status) {
        const std::chrono::duration<double> seconds = Clock::now() - started;
        metrics_.observe_request(asked.route, asked.method, status, seconds.count());
    };
    if (!response.deferred) {
        observe(asked, response.status);
        return response;
    }
    // The answer comes later: map its errors and observe it then. Each step runs once
    // (DeferredResponse's contract), so each hands its captures on.
    auto start = std::move(response.deferred->start);
    response.deferred->start = [start = std::move(start), kept = Kept(asked),
                                observe](FinishResponse finish) mutable {
        start([kept = std::move(kept), observe,
               finish = std::move(finish)](MakeResponse make) mutable {
            finish([kept = std::move(kept), observe, make = std::move(make)] {
                auto r = answer(kept.asked(), make);
                observe(kept.asked(), r.status);
                return r;
            });
        });
    };
    return response;
}

Response Dispatcher::dispatch(const Request& request, std::string_view& route) const {
    auto match = router_.match(request.method, request.path);
    if (!match.handler) {
        if (match.allow.empty()) return problem(404, "no such resource");
        std::string allow;
        for (const auto& m : match.allow) allow += (allow.empty() ? "" : ", ") + m;
        return problem(405, "method not allowed").set("Allow", allow);
    }
    route = match.pattern;
    return answer({request.method, route, request.request_id},
                  [&] { return (*match.handler)(request, match.params); });
}

}  // namespace coursedist::http
