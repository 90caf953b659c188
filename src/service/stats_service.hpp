#pragma once
// The two stats use cases (spec/analytics.md, "Time series"): one distribution's series, totals
// and breakdowns, and the catalog's series, totals and most viewed distributions, over a range of
// local days or hours (domain/stats_range.hpp) read from the hourly counter buckets in one read
// transaction.

#include "domain/stats_range.hpp"
#include "service/distribution_service.hpp"
#include "storage/store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::service {

inline constexpr int kStatsTopSize = 10;
// The category reported for counts whose write named none.
inline constexpr const char* kUnknownCategory = "unknown";

struct StatsPoint {
    std::string start;  // the bucket's local start with its offset
    std::int64_t views = 0;
    std::int64_t clicks = 0;
};

struct StatsTotals {
    std::int64_t views = 0;
    std::int64_t clicks = 0;
    // clicks / views rounded to 4 decimals; nullopt without views.
    std::optional<double> click_through_rate() const;
};

struct DistributionStats {
    std::string distribution_id;
    domain::StatsRange range;
    std::vector<StatsPoint> series;  // every bucket of the range, zeros included
    StatsTotals totals;
    std::map<std::string, std::int64_t> views_by_referrer;
    std::map<std::string, std::int64_t> clicks_by_cta;
};

struct CatalogStats {
    domain::StatsRange range;        // by day
    std::vector<StatsPoint> series;  // all distributions
    StatsTotals totals;
    std::vector<storage::DistributionCounts> top;  // at most kStatsTopSize, by views
};

class StatsService {
  public:
    StatsService(storage::Store& store, Clock clock = system_clock_now);

    // ValidationFailed naming every bad parameter; NotFound for an unknown distribution.
    DistributionStats distribution(const std::string& distribution_id,
                                   const domain::StatsParameters& parameters);
    // By day whatever `parameters.granularity` says; ValidationFailed as above.
    CatalogStats catalog(const domain::StatsParameters& parameters);

  private:
    domain::StatsRange resolve(const domain::StatsParameters& parameters) const;

    storage::Store& store_;
    Clock clock_;
};

}  // namespace coursedist::service
