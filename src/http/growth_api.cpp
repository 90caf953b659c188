// The growth routes (spec/growth.md): admin only (Access::Admin in the route table).

#include "http/api.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

namespace {

json::object seo_report_body(const service::SeoReport& report) {
    json::array suggestions;
    for (const auto& k : report.keyword_suggestions)
        suggestions.push_back(json::object{{"keyword", k.keyword}, {"score", k.score}});
    json::array checks;
    for (const auto& c : report.checks)
        checks.push_back(json::object{
            {"check", c.check}, {"status", c.ok ? "ok" : "warning"}, {"message", c.message}});
    return {{"keyword_suggestions", std::move(suggestions)}, {"checks", std::move(checks)}};
}

}  // namespace

void bind_growth_routes(RouteHandlers& routes, service::GrowthService& growth) {
    routes.bind("suggestSlugs", [&growth](const Request& req, const PathParams&) {
        json::array slugs;
        for (auto& slug :
             growth.suggest_slugs(string_param(req, "title"), string_param(req, "language")))
            slugs.emplace_back(slug);
        return json_ok(json::object{{"slugs", std::move(slugs)}});
    });
    routes.bind("getSeoReport", [&growth](const Request&, const PathParams& p) {
        return json_ok(seo_report_body(growth.seo_report(p.at("id"))));
    });
}

}  // namespace coursedist::http
