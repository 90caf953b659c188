// The CTA experiment routes (spec/growth.md, "CTA experiments (A/B)"): admin only
// (Access::Admin in the route table).

#include "http/api.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

namespace {

json::object report_body(const service::ExperimentReport& r) {
    return domain::to_json(r.experiment, &r.statistics);
}

}  // namespace

void bind_experiment_routes(RouteHandlers& routes, service::ExperimentService& experiments) {
    routes.bind("createExperiment", [&experiments](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_experiment_create(json_body(req)));
        auto created = experiments.create(p.at("id"), request, {req.request_id, "admin"});
        auto response = json_ok(domain::to_json(created), 201);
        response.set("Location", "/api/experiments/" + created.experiment_id);
        return response;
    });
    routes.bind("listExperiments", [&experiments](const Request&, const PathParams& p) {
        json::array items;
        for (const auto& e : experiments.list(p.at("id"))) items.push_back(domain::to_json(e));
        return json_ok(json::object{{"items", std::move(items)}});
    });
    routes.bind("getExperiment", [&experiments](const Request&, const PathParams& p) {
        return json_ok(report_body(experiments.get(p.at("experiment_id"))));
    });
    routes.bind("stopExperiment", [&experiments](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_experiment_stop(json_body(req, true)));
        return json_ok(report_body(
            experiments.stop(p.at("experiment_id"), request.winner, {req.request_id, "admin"})));
    });
}

}  // namespace coursedist::http
