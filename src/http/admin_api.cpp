// Admin API: every route here requires a bearer token (admin_only).

#include "domain/etag.hpp"
#include "domain/json_codec.hpp"
#include "domain/requests.hpp"
#include "http/api.hpp"
#include "http/counted_response.hpp"
#include "http/listing.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;
using service::RequestContext;

namespace {

RequestContext context_of(const Request& req) {
    return RequestContext{req.request_id, "admin"};
}

Response distribution_response(const domain::Distribution& d, int status = 200) {
    auto r = json_ok(domain::to_json(d), status);
    r.set("ETag", domain::admin_etag(d));
    return r;
}

json::value visibility_body(const service::VisibilityChange& change) {
    return json::object{{"distribution_id", change.distribution_id},
                        {"visibility", domain::to_string(change.visibility)},
                        {"published_at", domain::to_json(change.published_at)}};
}

json::value distributions_body(const std::vector<domain::Distribution>& items) {
    json::array out;
    for (const auto& d : items) out.push_back(domain::to_json(d));
    return out;
}

}  // namespace

Handler admin_only(const AdminAuth& auth, Handler handler) {
    return [&auth, handler = std::move(handler)](const Request& req, const PathParams& params) {
        auth.require(req);
        return handler(req, params);
    };
}

void add_admin_routes(Router& router, ApiDependencies& deps) {
    auto& service = deps.service;
    auto add = [&](std::string method, std::string pattern, Handler handler) {
        router.add(std::move(method), std::move(pattern),
                   admin_only(deps.auth, std::move(handler)));
    };

    add("POST", "/api/distributions/create", [&service](const Request& req, const PathParams&) {
        auto request = require_decoded(domain::decode_create(json_body(req)));
        auto d = service.create(request, context_of(req));
        auto r = distribution_response(d, 201);
        r.set("Location", "/api/distributions/" + d.distribution_id);
        return r;
    });

    add("GET", "/api/distributions", [&service](const Request& req, const PathParams&) {
        auto list = list_request(req, false);
        if (auto v = string_param(req, "visibility")) {
            list.visibility = domain::parse_visibility(*v);
            if (!list.visibility)
                throw HttpError(422, "invalid query parameter",
                                {{"visibility", "must be private, public or unlisted"}});
        }
        return json_ok(list_body(service.list(list), domain::to_json));
    });

    add("PUT", "/api/distributions/{id}", [&service](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_update(json_body(req)));
        std::optional<std::string> if_match;
        if (auto h = req.header("if-match")) if_match = std::string(*h);
        return distribution_response(
            service.update(p.at("id"), request, if_match, context_of(req)));
    });

    add("DELETE", "/api/distributions/{id}", [&service](const Request& req, const PathParams& p) {
        service.remove(p.at("id"), context_of(req));
        Response r;
        r.status = 204;
        return r;
    });

    add("POST", "/api/distributions/{id}/publish",
        [&service](const Request& req, const PathParams& p) {
            return json_ok(visibility_body(service.publish(p.at("id"), context_of(req))));
        });

    add("POST", "/api/distributions/{id}/unpublish",
        [&service](const Request& req, const PathParams& p) {
            return json_ok(visibility_body(service.unpublish(p.at("id"), context_of(req))));
        });

    add("POST", "/api/distributions/{id}/log-view",
        [&service](const Request& req, const PathParams& p) {
            auto request = require_decoded(domain::decode_log_view(json_body(req, true)));
            return counted_response(
                service, service::CounterWrite::view(p.at("id"), request.referrer_category),
                context_of(req), [](const auto& outcome) {
                    const auto& counted = outcome.get();
                    return json_ok(json::object{{"distribution_id", counted.distribution_id},
                                                {"view_count", counted.view_count}});
                });
        });

    add("POST", "/api/distributions/{id}/track-click",
        [&service](const Request& req, const PathParams& p) {
            auto request = require_decoded(domain::decode_track_click(json_body(req, true)));
            return counted_response(
                service, service::CounterWrite::click(p.at("id"), request.cta_type),
                context_of(req), [](const auto& outcome) {
                    const auto& counted = outcome.get();
                    return json_ok(json::object{{"distribution_id", counted.distribution_id},
                                                {"enrollment_count", counted.enrollment_count}});
                });
        });

    add("POST", "/api/distributions/{id}/variants",
        [&service](const Request& req, const PathParams& p) {
            auto request = require_decoded(domain::decode_variant(json_body(req)));
            auto d = service.create_variant(p.at("id"), request, context_of(req));
            auto r = distribution_response(d, 201);
            r.set("Location", "/api/distributions/" + d.distribution_id);
            return r;
        });

    add("GET", "/api/distributions/{id}/variants", [&service](const Request&, const PathParams& p) {
        return json_ok(distributions_body(service.variants(p.at("id"))));
    });

    add("POST", "/api/distributions/{id}/version-bump",
        [&service](const Request& req, const PathParams& p) {
            auto request = require_decoded(domain::decode_version_bump(json_body(req, true)));
            auto bump = service.bump_version(p.at("id"), request.changelog, context_of(req));
            return json_ok(json::object{{"distribution_id", bump.distribution_id},
                                        {"old_version", bump.old_version},
                                        {"new_version", bump.new_version}});
        });

    add("GET", "/api/distributions/{id}/changelog",
        [&service](const Request&, const PathParams& p) {
            json::array entries;
            for (const auto& e : service.changelog(p.at("id")))
                entries.push_back(domain::to_json(e));
            return json_ok(entries);
        });
}

}  // namespace coursedist::http
