// Operations: liveness, readiness, metrics, the seed-compatible health, the OpenAPI document.

#include "http/api.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

void bind_ops_routes(RouteHandlers& routes, ApiDependencies& deps) {
    auto alive = [](const Request&, const PathParams&) {
        return json_ok(json::object{{"status", "ok"}});
    };
    routes.bind("healthz", alive);
    routes.bind("livez", alive);

    routes.bind("readyz", [&deps](const Request&, const PathParams&) {
        json::object checks;
        bool ready = !deps.draining.load();
        for (const auto& check : deps.readiness) {
            std::string state;
            try {
                state = check.state();
            } catch (...) {
                state = "unavailable";
            }
            if (check.required && state != "ok") ready = false;
            checks[check.name] = state;
        }
        json::object body{{"status", ready ? "ready" : (deps.draining ? "draining" : "unready")},
                          {"checks", std::move(checks)}};
        return json_ok(body, ready ? 200 : 503);
    });

    routes.bind("getMetrics", [&deps](const Request&, const PathParams&) {
        return text_response(200, deps.service.metrics().render(),
                             "text/plain; version=0.0.4; charset=utf-8");
    });

    // The seed's health, and the same under the name BRAiN's module answered with.
    const auto health = [&deps](std::string name) {
        return [&deps, name = std::move(name)](const Request&, const PathParams&) {
            std::int64_t count = 0;
            std::string status = "healthy";
            try {
                count = deps.service.count_public();
            } catch (...) {
                status = "degraded";
            }
            return json_ok(json::object{{"name", name},
                                        {"version", deps.version},
                                        {"status", status},
                                        {"public_courses_count", count}});
        };
    };
    routes.bind("getHealth", health("course_distribution"));
    routes.bind("brainHealth", health("Course Distribution System"));

    auto document = std::make_shared<std::string>(openapi_document(deps.version, deps.base_url));
    routes.bind("getOpenApi", [document](const Request&, const PathParams&) {
        auto r = json_response(200, *document);
        r.set("Cache-Control", "public, max-age=300");
        return r;
    });
}

}  // namespace coursedist::http
