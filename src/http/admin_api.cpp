// Admin API: every route here requires a bearer token (Access::Admin in the route table).

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

void bind_admin_routes(RouteHandlers& routes, ApiDependencies& deps) {
    auto& service = deps.service;
    const auto add = [&routes](std::string_view operation_id, Handler handler) {
        routes.bind(operation_id, std::move(handler));
    };

    add("createDistribution", [&service](const Request& req, const PathParams&) {
        auto request = require_decoded(domain::decode_create(json_body(req)));
        auto d = service.create(request, context_of(req));
        auto r = distribution_response(d, 201);
        r.set("Location", "/api/distributions/" + d.distribution_id);
        return r;
    });

    add("listDistributions", [&service](const Request& req, const PathParams&) {
        auto list = list_request(req, false);
        if (auto v = string_param(req, "visibility")) {
            list.visibility = domain::parse_visibility(*v);
            if (!list.visibility)
                throw HttpError(422, "invalid query parameter",
                                {{"visibility", "must be private, public or unlisted"}});
        }
        return json_ok(list_body(service.list(list), domain::to_json));
    });

    add("updateDistribution", [&service](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_update(json_body(req)));
        std::optional<std::string> if_match;
        if (auto h = req.header("if-match")) if_match = std::string(*h);
        return distribution_response(
            service.update(p.at("key"), request, if_match, context_of(req)));
    });

    add("deleteDistribution", [&service](const Request& req, const PathParams& p) {
        service.remove(p.at("key"), context_of(req));
        Response r;
        r.status = 204;
        return r;
    });

    add("publishDistribution", [&service](const Request& req, const PathParams& p) {
        return json_ok(visibility_body(service.publish(p.at("id"), context_of(req))));
    });

    add("unpublishDistribution", [&service](const Request& req, const PathParams& p) {
        return json_ok(visibility_body(service.unpublish(p.at("id"), context_of(req))));
    });

    add("logView", [&service](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_log_view(json_body(req, true)));
        return counted_response(
            service, service::CounterWrite::view(p.at("id"), request.referrer_category),
            context_of(req), [](const auto& outcome) {
                const auto& counted = outcome.get();
                return json_ok(json::object{{"distribution_id", counted.distribution_id},
                                            {"view_count", counted.view_count}});
            });
    });

    add("trackClick", [&service](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_track_click(json_body(req, true)));
        return counted_response(
            service, service::CounterWrite::click(p.at("id"), request.cta_type), context_of(req),
            [](const auto& outcome) {
                const auto& counted = outcome.get();
                return json_ok(json::object{{"distribution_id", counted.distribution_id},
                                            {"enrollment_count", counted.enrollment_count}});
            });
    });

    add("createVariant", [&service](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_variant(json_body(req)));
        auto d = service.create_variant(p.at("id"), request, context_of(req));
        auto r = distribution_response(d, 201);
        r.set("Location", "/api/distributions/" + d.distribution_id);
        return r;
    });

    add("listVariants", [&service](const Request&, const PathParams& p) {
        return json_ok(distributions_body(service.variants(p.at("id"))));
    });

    add("bumpVersion", [&service](const Request& req, const PathParams& p) {
        auto request = require_decoded(domain::decode_version_bump(json_body(req, true)));
        auto bump = service.bump_version(p.at("id"), request.changelog, context_of(req));
        return json_ok(json::object{{"distribution_id", bump.distribution_id},
                                    {"old_version", bump.old_version},
                                    {"new_version", bump.new_version}});
    });

    add("getChangelog", [&service](const Request&, const PathParams& p) {
        json::array entries;
        for (const auto& e : service.changelog(p.at("id"))) entries.push_back(domain::to_json(e));
        return json_ok(entries);
    });

    // Old slugs (spec/seo-lifecycle.md): they redirect to the current slug until released.
    add("listRedirects", [&service](const Request&, const PathParams& p) {
        json::array entries;
        for (const auto& old : service.old_slugs(p.at("id")))
            entries.push_back(json::object{{"slug", old.slug}, {"created_at", old.changed_at}});
        return json_ok(entries);
    });

    add("releaseRedirect", [&service](const Request&, const PathParams& p) {
        service.release_old_slug(p.at("id"), p.at("slug"));
        Response r;
        r.status = 204;
        return r;
    });
}

}  // namespace coursedist::http
