// The stats routes (spec/analytics.md, "Time series"): admin only (Access::Admin in the table).

#include "http/api.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

namespace {

domain::StatsParameters stats_parameters(const Request& req) {
    return {string_param(req, "from"), string_param(req, "to"), string_param(req, "granularity"),
            string_param(req, "tz")};
}

json::value rate_of(const service::StatsTotals& totals) {
    if (auto rate = totals.click_through_rate()) return *rate;
    return nullptr;
}

json::object totals_body(const service::StatsTotals& totals) {
    return {{"views", totals.views},
            {"clicks", totals.clicks},
            {"click_through_rate", rate_of(totals)}};
}

json::array series_body(const std::vector<service::StatsPoint>& series) {
    json::array out;
    out.reserve(series.size());
    for (const auto& p : series)
        out.push_back(json::object{{"start", p.start}, {"views", p.views}, {"clicks", p.clicks}});
    return out;
}

json::object counts_body(const std::map<std::string, std::int64_t>& counts) {
    json::object out;
    for (const auto& [category, count] : counts) out[category] = count;
    return out;
}

json::object range_body(const domain::StatsRange& range) {
    return {{"from", range.from}, {"to", range.to}};
}

}  // namespace

void bind_stats_routes(RouteHandlers& routes, service::StatsService& stats) {
    routes.bind("getDistributionStats", [&stats](const Request& req, const PathParams& p) {
        const auto s = stats.distribution(p.at("id"), stats_parameters(req));
        auto body = json::object{{"distribution_id", s.distribution_id}};
        for (auto& [key, value] : range_body(s.range)) body[key] = value;
        body["granularity"] = domain::to_string(s.range.granularity);
        body["tz"] = s.range.tz;
        body["series"] = series_body(s.series);
        body["totals"] = totals_body(s.totals);
        body["views_by_referrer"] = counts_body(s.views_by_referrer);
        body["clicks_by_cta"] = counts_body(s.clicks_by_cta);
        return json_ok(body);
    });

    routes.bind("getCatalogStats", [&stats](const Request& req, const PathParams&) {
        const auto s = stats.catalog(stats_parameters(req));
        json::array top;
        for (const auto& d : s.top) {
            const service::StatsTotals totals{d.views, d.clicks};
            top.push_back(json::object{{"distribution_id", d.distribution_id},
                                       {"slug", d.slug},
                                       {"title", d.title},
                                       {"views", d.views},
                                       {"clicks", d.clicks},
                                       {"click_through_rate", rate_of(totals)}});
        }
        auto body = range_body(s.range);
        body["tz"] = s.range.tz;
        body["series"] = series_body(s.series);
        body["totals"] = totals_body(s.totals);
        body["top"] = std::move(top);
        return json_ok(body);
    });
}

}  // namespace coursedist::http
