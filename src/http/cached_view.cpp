#include "http/cached_view.hpp"

#include "domain/etag.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

namespace {
constexpr std::string_view kPublicCacheControl = "public, max-age=60";
}  // namespace

Response cached_view(const Request& request, ApiDependencies& deps, std::string key,
                     const std::function<json::value()>& render) {
    auto generation = deps.service.write_generation();  // before rendering: a write racing the
                                                        // render leaves a stale generation
    std::shared_ptr<const service::CachedView> view;
    if (deps.views) view = deps.views->find(key, generation);
    if (!view) {
        auto body = json::serialize(render());
        auto etag = domain::strong_etag(body);
        view = std::make_shared<const service::CachedView>(
            service::CachedView{std::move(body), std::move(etag)});
        if (deps.views) deps.views->store(std::move(key), view, generation);
    }
    Response r;
    if (auto seen = request.header("if-none-match"); seen && etag_listed(*seen, view->etag)) {
        r.status = 304;
    } else {
        r = json_response(200, {});
        r.shared_body = std::shared_ptr<const std::string>(view, &view->body);  // not copied
    }
    r.set("ETag", view->etag);
    r.set("Cache-Control", std::string(kPublicCacheControl));
    return r;
}

}  // namespace coursedist::http
