#include "service/stats_service.hpp"

#include "service/errors.hpp"

#include <cmath>

namespace coursedist::service {

namespace {

// Each hour's counts added to the bucket that holds it; `hours` ascending, inside the range.
std::vector<StatsPoint> series_of(const domain::StatsRange& range,
                                  const std::vector<storage::HourCounts>& hours,
                                  StatsTotals& totals) {
    std::vector<StatsPoint> series;
    series.reserve(range.buckets.size());
    auto hour = hours.begin();
    for (const auto& bucket : range.buckets) {
        StatsPoint point{bucket.start};
        for (; hour != hours.end() && hour->hour < bucket.hours.end; ++hour) {
            point.views += hour->views;
            point.clicks += hour->clicks;
        }
        totals.views += point.views;
        totals.clicks += point.clicks;
        series.push_back(std::move(point));
    }
    return series;
}

std::string category_name(const std::string& category) {
    return category.empty() ? kUnknownCategory : category;
}

}  // namespace

std::optional<double> StatsTotals::click_through_rate() const {
    if (views == 0) return std::nullopt;
    return std::round(static_cast<double>(clicks) / static_cast<double>(views) * 10000.0) / 10000.0;
}

StatsService::StatsService(storage::Store& store, Clock clock)
    : store_(store), clock_(std::move(clock)) {}

domain::StatsRange StatsService::resolve(const domain::StatsParameters& parameters) const {
    auto resolved = domain::resolve_stats_range(parameters, clock_());
    if (!resolved.ok()) throw ValidationFailed(std::move(resolved.errors));
    return std::move(*resolved.range);
}

DistributionStats StatsService::distribution(const std::string& distribution_id,
                                             const domain::StatsParameters& parameters) {
    DistributionStats out;
    out.distribution_id = distribution_id;
    out.range = resolve(parameters);
    const auto hours = out.range.hours();
    auto tx = store_.begin_read();
    if (!tx->find(distribution_id)) throw NotFound("no such distribution");
    out.series = series_of(out.range, tx->hourly_counts(distribution_id, hours), out.totals);
    for (const auto& c : tx->category_counts(distribution_id, hours)) {
        auto& breakdown =
            c.counter == storage::Counter::Views ? out.views_by_referrer : out.clicks_by_cta;
        breakdown[category_name(c.category)] += c.count;
    }
    return out;
}

CatalogStats StatsService::catalog(const domain::StatsParameters& parameters) {
    auto by_day = parameters;
    by_day.granularity = std::nullopt;
    CatalogStats out;
    out.range = resolve(by_day);
    const auto hours = out.range.hours();
    auto tx = store_.begin_read();
    auto counts = tx->catalog_counts(hours, kStatsTopSize);
    out.series = series_of(out.range, counts.hours, out.totals);
    out.top = std::move(counts.most_viewed);
    return out;
}

}  // namespace coursedist::service
