// Public read API: catalog, detail, outline. No authentication, no internal ids.

#include "domain/etag.hpp"
#include "domain/json_codec.hpp"
#include "domain/validation.hpp"
#include "http/api.hpp"
#include "http/cached_view.hpp"
#include "http/listing.hpp"
#include "http/request_support.hpp"
#include "service/errors.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

json::value list_body(const service::ListResult& result,
                      json::value (*encode)(const domain::Distribution&)) {
    json::array items;
    items.reserve(result.items.size());
    for (const auto& d : result.items) items.push_back(encode(d));
    return json::object{{"items", std::move(items)},
                        {"next_cursor", domain::to_json(result.next_cursor)}};
}

service::ListRequest list_request(const Request& request, bool catalog) {
    service::ListRequest list;
    list.catalog = catalog;
    list.language = string_param(request, "language");
    list.target_group = string_param(request, "target_group");
    list.q = string_param(request, "q");
    list.cursor = string_param(request, "cursor");
    list.limit = int_param(request, "limit", 50, 1, 100);
    return list;
}

void bind_public_routes(RouteHandlers& routes, ApiDependencies& deps) {
    auto& service = deps.service;

    routes.bind("listCatalog", [&](const Request& req, const PathParams&) {
        auto list = list_request(req, true);  // validates the query before any cache lookup
        return cached_view(req, deps, "catalog " + req.target, [&] {
            return list_body(service.list(list), domain::to_public_list_item);
        });
    });

    // A segment shaped like a distribution id is the admin resource; anything else is a slug.
    routes.bind("getDistribution", [&service, &deps](const Request& req, const PathParams& params) {
        const auto& key = params.at("key");
        if (domain::is_valid_distribution_id(key)) {
            deps.auth.require(req);
            auto d = service.get(key);
            auto r = json_ok(domain::to_json(d));
            r.set("ETag", domain::admin_etag(d));
            r.set("Cache-Control", "private, no-cache");
            return r;
        }
        try {
            return cached_view(req, deps, "detail " + key, [&] {
                auto detail = service.public_detail(key);
                return domain::to_public_detail(detail.distribution, detail.derived_from_slug);
            });
        } catch (const service::Moved& moved) {
            return moved_permanently(req, "/api/distributions/" + moved.current_slug());
        }
    });

    routes.bind("getPublicOutline", [&](const Request& req, const PathParams& params) {
        const auto& slug = params.at("slug");
        try {
            return cached_view(req, deps, "outline " + slug, [&] {
                return domain::to_public_outline(service.public_detail(slug).distribution);
            });
        } catch (const service::Moved& moved) {
            return moved_permanently(req,
                                     "/api/distributions/" + moved.current_slug() + "/outline");
        }
    });
}

}  // namespace coursedist::http
