// The routes of the module that ran inside BRAiN (spec/brain-routes.md): BRAiN's paths and bodies
// over the same use cases as the API. Access checks come from the route table (its admin routes
// take the token). The page route is bound with the pages (web/page_routes.cpp), the health with
// the operations (ops_api.cpp).

#include "domain/brain_requests.hpp"
#include "domain/json_codec.hpp"
#include "http/api.hpp"
#include "http/cached_view.hpp"
#include "http/counted_response.hpp"
#include "http/counting.hpp"
#include "http/request_support.hpp"
#include "service/errors.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;
using service::RequestContext;

namespace {

RequestContext admin_context(const Request& req) {
    return {req.request_id, "admin"};
}

RequestContext visitor_context(const Request& req) {
    return {req.request_id, "visitor"};
}

// BRAiN answers 400 where the API answers 409: the slug is taken.
template <typename Create>
domain::Distribution slug_taken_as_400(Create&& create) {
    try {
        return create();
    } catch (const service::Conflict& e) {
        throw HttpError(400, e.what());
    }
}

Response created(const domain::Distribution& d, const std::string& message) {
    auto r = json_ok(
        json::object{
            {"distribution_id", d.distribution_id}, {"slug", d.slug}, {"message", message}},
        201);
    r.set("Location", "/api/distributions/" + d.distribution_id);
    return r;
}

Response published(const service::VisibilityChange& change, bool now_public) {
    return json_ok(json::object{{"distribution_id", change.distribution_id},
                                {"published", now_public},
                                {"message", now_public ? "Course published successfully"
                                                       : "Course unpublished successfully"}});
}

// A detail that counts is never served from a cache: each read reaches the service.
Response detail_response(const service::PublicDetail& detail) {
    auto r = json_ok(domain::to_public_detail(detail.distribution, detail.derived_from_slug));
    r.set("Cache-Control", "no-store");
    return r;
}

Response tracked(const std::string& slug) {
    auto r = json_ok(
        json::object{{"slug", slug}, {"tracked", true}, {"message", "Enrollment click tracked"}});
    r.set("Cache-Control", "no-store");
    return r;
}

void bind_public(RouteHandlers& routes, ApiDependencies& deps, ReferrerCategory view_referrer) {
    auto& service = deps.service;

    routes.bind("brainListPublic", [&](const Request& req, const PathParams&) {
        service::ListRequest list;
        list.catalog = true;
        list.language = string_param(req, "language");
        list.limit = int_param(req, "limit", 50, 1, 100);
        return cached_view(req, deps, "brain list " + req.target, [&] {
            json::array items;
            for (const auto& d : service.list(list).items)
                items.push_back(domain::to_public_list_item(d));
            return json::value(std::move(items));
        });
    });

    // Counts one view (under the counting rules, http/counting.hpp; the route is
    // Limit::VisitorCounter in the table), then shows the course with the counts after it.
    routes.bind("brainPublicDetail", [&service, view_referrer = std::move(view_referrer)](
                                         const Request& req, const PathParams& p) {
        const auto& slug = p.at("slug");
        auto detail = service.public_detail(slug);  // 404 unless publicly readable
        if (!counts(req, service.metrics(), domain::CountKind::View))
            return detail_response(detail);
        return counted_response(
            service, service::CounterWrite::page_view(slug, view_referrer(req)),
            visitor_context(req), [&service, detail = std::move(detail)](const auto& outcome) {
                const auto& counted = outcome.get();
                // The slug may have moved to another course since it was read.
                auto shown = counted.distribution_id == detail.distribution.distribution_id
                                 ? detail
                                 : service.public_detail(counted.slug);
                shown.distribution.view_count = counted.view_count;
                shown.distribution.enrollment_count = counted.enrollment_count;
                return detail_response(shown);
            });
    });

    // The same view, under the same cache entry, as /api/distributions/{slug}/outline.
    routes.bind("brainPublicOutline", [&](const Request& req, const PathParams& p) {
        const auto& slug = p.at("slug");
        return cached_view(req, deps, "outline " + slug, [&] {
            return domain::to_public_outline(service.public_detail(slug).distribution);
        });
    });

    // Counts one click of the course's CTA, as its enroll link does.
    routes.bind("brainTrackEnrollment", [&service](const Request& req, const PathParams& p) {
        const auto& slug = p.at("slug");
        const auto detail = service.public_detail(slug);  // 404 unless publicly readable
        if (!counts(req, service.metrics(), domain::CountKind::Click)) return tracked(slug);
        const auto cta_type = std::string(domain::to_string(detail.distribution.cta.action));
        return counted_response(service, service::CounterWrite::page_click(slug, cta_type),
                                visitor_context(req), [slug](const auto& outcome) {
                                    outcome.get();  // 404 when the course went away meanwhile
                                    return tracked(slug);
                                });
    });
}

void bind_admin(RouteHandlers& routes, service::DistributionService& service) {
    routes.bind("brainCreate", [&service](const Request& req, const PathParams&) {
        const auto request = require_decoded(domain::decode_brain_create(json_body(req)));
        const auto d =
            slug_taken_as_400([&] { return service.create(request, admin_context(req)); });
        return created(d, "Distribution created successfully (slug: " + d.slug + ")");
    });

    routes.bind("brainPublish", [&service](const Request& req, const PathParams& p) {
        return published(service.publish(p.at("id"), admin_context(req)), true);
    });

    routes.bind("brainUnpublish", [&service](const Request& req, const PathParams& p) {
        return published(service.unpublish(p.at("id"), admin_context(req)), false);
    });

    routes.bind("brainMicroNiche", [&service](const Request& req, const PathParams&) {
        const auto request = require_decoded(domain::decode_micro_niche(json_body(req)));
        const auto d = slug_taken_as_400([&] {
            return service.create_variant(request.parent_id, request.variant, admin_context(req));
        });
        return created(d, "Micro-niche variant created (slug: " + d.slug + ")");
    });

    routes.bind("brainVersionBump", [&service](const Request& req, const PathParams& p) {
        const auto request = require_decoded(domain::decode_version_bump(json_body(req, true)));
        const auto bump = service.bump_version(p.at("id"), request.changelog, admin_context(req));
        return json_ok(json::object{
            {"distribution_id", bump.distribution_id},
            {"old_version", bump.old_version},
            {"new_version", bump.new_version},
            {"message", "Version bumped from " + bump.old_version + " to " + bump.new_version}});
    });
}

}  // namespace

void bind_brain_routes(RouteHandlers& routes, ApiDependencies& deps,
                       ReferrerCategory view_referrer) {
    describe_uncounted(deps.service.metrics());
    bind_public(routes, deps, std::move(view_referrer));
    bind_admin(routes, deps.service);
}

}  // namespace coursedist::http
