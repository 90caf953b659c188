#include "service/metrics.hpp"

#include <cstdio>
#include <sstream>

namespace coursedist::service {

namespace {
// Label values here are route patterns, methods and event types; escape anyway.
std::string escape_label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string format_number(double v) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", v);
    return buffer;
}
}  // namespace

void Metrics::observe_request(std::string_view route, std::string_view method, int status,
                              double seconds) {
    std::string labels = "route=\"" + escape_label(route) + "\",method=\"" + escape_label(method) +
                         "\",status=\"" + std::to_string(status) + "\"";
    std::lock_guard lock(mutex_);
    ++requests_[labels];
    auto& h = latency_[std::string(route)];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::increment(std::string_view name, std::string_view label_name,
                        std::string_view label_value, double by) {
    if (label_name.empty()) return increment(name, Labels{}, by);
    increment(name, {{label_name, label_value}}, by);
}

void Metrics::increment(std::string_view name, Labels labels_in, double by) {
    std::string labels;
    for (const auto& [label_name, label_value] : labels_in) {
        if (!labels.empty()) labels += ',';
        labels += std::string(label_name) + "=\"" + escape_label(label_value) + "\"";
    }
    std::lock_guard lock(mutex_);
    auto it = counters_.find(name);
    if (it == counters_.end())
        it = counters_.emplace(std::string(name), std::map<std::string, double>{}).first;
    it->second[labels] += by;
}

void Metrics::describe(std::string name, std::string help, std::string type) {
    std::lock_guard lock(mutex_);
    help_[name] = {std::move(help), std::move(type)};
    counters_.try_emplace(std::move(name));
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.emplace_back(std::move(name), std::move(help), std::move(read));
}

std::string Metrics::render() const {
    std::ostringstream out;
    std::vector<std::tuple<std::string, std::string, std::function<double()>>> gauges;
    {
        std::lock_guard lock(mutex_);
        out << "# HELP coursedist_http_requests_total HTTP requests by route, method and status.\n"
            << "# TYPE coursedist_http_requests_total counter\n";
        for (const auto& [labels, count] : requests_)
            out << "coursedist_http_requests_total{" << labels << "} " << count << "\n";
        out << "# HELP coursedist_http_request_duration_seconds Request latency by route.\n"
            << "# TYPE coursedist_http_request_duration_seconds histogram\n";
        for (const auto& [route, h] : latency_) {
            std::string label = "route=\"" + escape_label(route) + "\"";
            for (std::size_t i = 0; i < kBuckets.size(); ++i)
                out << "coursedist_http_request_duration_seconds_bucket{" << label << ",le=\""
                    << format_number(kBuckets[i]) << "\"} " << h.buckets[i] << "\n";
            out << "coursedist_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
                << h.count << "\n"
                << "coursedist_http_request_duration_seconds_sum{" << label << "} "
                << format_number(h.sum) << "\n"
                << "coursedist_http_request_duration_seconds_count{" << label << "} " << h.count
                << "\n";
        }
        for (const auto& [name, series] : counters_) {
            auto help = help_.find(name);
            if (help != help_.end())
                out << "# HELP " << name << " " << help->second.first << "\n# TYPE " << name << " "
                    << help->second.second << "\n";
            if (series.empty()) out << name << " 0\n";
            for (const auto& [labels, value] : series)
                out << name << (labels.empty() ? "" : "{" + labels + "}") << " "
                    << format_number(value) << "\n";
        }
        gauges = gauges_;
    }
    // Gauges may query storage: read them outside the lock.
    for (const auto& [name, help, read] : gauges) {
        double value = 0;
        try {
            value = read();
        } catch (...) {
            value = -1;
        }
        out << "# HELP " << name << " " << help << "\n# TYPE " << name << " gauge\n"
            << name << " " << format_number(value) << "\n";
    }
    return out.str();
}

}  // namespace coursedist::service
