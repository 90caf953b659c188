#pragma once
// Process metrics in the Prometheus text format: request counts by route and status, a latency
// histogram, named counters (events produced, consumed, …) and gauges read when rendered.

#include <array>
#include <atomic>
#include <functional>
#include <initializer_list>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coursedist::service {

class Metrics {
  public:
    void observe_request(std::string_view route, std::string_view method, int status,
                         double seconds);
    // A counter with one optional label pair, e.g. ("coursedist_events_produced_total", "type",
    // "distribution.created").
    void increment(std::string_view name, std::string_view label_name = {},
                   std::string_view label_value = {}, double by = 1);
    // A counter with several label pairs, in the order given, e.g.
    // ("coursedist_uncounted_total", {{"kind", "view"}, {"reason", "crawler"}}).
    using Labels = std::initializer_list<std::pair<std::string_view, std::string_view>>;
    void increment(std::string_view name, Labels labels, double by = 1);
    void describe(std::string name, std::string help, std::string type = "counter");
    void add_gauge(std::string name, std::string help, std::function<double()> read);
    std::string render() const;

  private:
    static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,   0.25,   0.5,   1,    2.5};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::string, std::map<std::string, double>, std::less<>> counters_;
    std::map<std::string, std::pair<std::string, std::string>, std::less<>> help_;
    std::map<std::string, std::uint64_t, std::less<>> requests_;  // labels -> count
    std::map<std::string, Histogram, std::less<>> latency_;       // route label -> histogram
    std::vector<std::tuple<std::string, std::string, std::function<double()>>> gauges_;
};

}  // namespace coursedist::service
