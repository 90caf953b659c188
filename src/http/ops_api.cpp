// Operations: liveness, readiness, metrics, the seed-compatible health, the OpenAPI document.

#include "http/api.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

void add_ops_routes(Router& router, ApiDependencies& deps) {
    auto alive = [](const Request&, const PathParams&) {
        return json_ok(json::object{{"status", "ok"}});
    };
    router.add("GET", "/healthz", alive);
    router.add("GET", "/livez", alive);

    router.add("GET", "/readyz", [&deps](const Request&, const PathParams&) {
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

    router.add("GET", "/metrics", [&deps](const Request&, const PathParams&) {
        return text_response(200, deps.service.metrics().render(),
                             "text/plain; version=0.0.4; charset=utf-8");
    });

    router.add("GET", "/api/distributions/health", [&deps](const Request&, const PathParams&) {
        std::int64_t count = 0;
        std::string status = "healthy";
        try {
            count = deps.service.count_public();
        } catch (...) {
            status = "degraded";
        }
        return json_ok(json::object{{"name", "course_distribution"},
                                    {"version", deps.version},
                                    {"status", status},
                                    {"public_courses_count", count}});
    });

    auto document = std::make_shared<std::string>(openapi_document(deps.version));
    router.add("GET", "/openapi.json", [document](const Request&, const PathParams&) {
        auto r = json_response(200, *document);
        r.set("Cache-Control", "public, max-age=300");
        return r;
    });
}

}  // namespace coursedist::http
