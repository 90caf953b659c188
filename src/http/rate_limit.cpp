#include "http/rate_limit.hpp"

#include "http/counting.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <random>

namespace coursedist::http {

namespace {

// Refilled buckets are dropped at least this often, so idle clients do not pile up.
constexpr std::chrono::seconds kMaxSweepInterval{60};

std::optional<double> parse_positive(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value) ||
        value <= 0)
        return std::nullopt;
    return value;
}

std::string random_key() {
    std::random_device random;
    std::string key(32, '\0');
    for (auto& c : key) c = static_cast<char>(random());
    return key;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string_view visitor_address(const Request& request, bool trust_forwarded_for) {
    std::string_view address = request.client_address;
    if (trust_forwarded_for) {
        if (auto forwarded = request.header("x-forwarded-for")) {
            const auto last = trim(forwarded->substr(forwarded->rfind(',') + 1));
            if (!last.empty()) address = last;
        }
    }
    return address;
}

std::optional<RateLimitSettings> parse_rate_limit(std::string_view text) {
    RateLimitSettings settings;
    if (text == "off") {
        settings.enabled = false;
        return settings;
    }
    const auto comma = text.find(',');
    if (comma == std::string_view::npos) return std::nullopt;
    const auto rate = parse_positive(text.substr(0, comma));
    const auto burst = parse_positive(text.substr(comma + 1));
    if (!rate || !burst || *burst < 1) return std::nullopt;
    settings.per_second = *rate;
    settings.burst = *burst;
    return settings;
}

ClientRateLimiter::ClientRateLimiter(RateLimitSettings settings, Clock clock)
    : settings_(settings),
      clock_(std::move(clock)),
      hash_key_(random_key()),
      refill_time_(settings.burst / settings.per_second),
      next_sweep_(clock_()) {}

std::uint64_t ClientRateLimiter::client_key(const Request& request) const {
    const auto address = visitor_address(request, settings_.trust_forwarded_for);
    // The key first, so that equal addresses hash alike only within this process.
    return std::hash<std::string>{}(hash_key_ + std::string(address));
}

void ClientRateLimiter::drop_refilled(std::chrono::steady_clock::time_point now) {
    // A bucket idle for the refill time is full: forgetting it changes no answer.
    std::erase_if(buckets_,
                  [&](const auto& entry) { return now - entry.second.updated >= refill_time_; });
    const auto interval = std::min<std::chrono::duration<double>>(refill_time_, kMaxSweepInterval);
    next_sweep_ = now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(interval);
}

std::optional<std::chrono::seconds> ClientRateLimiter::take(const Request& request) {
    if (!settings_.enabled) return std::nullopt;
    const auto key = client_key(request);
    const auto now = clock_();
    std::lock_guard lock(mutex_);
    if (now >= next_sweep_) drop_refilled(now);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) {
        if (buckets_.size() >= settings_.max_clients) drop_refilled(now);
        if (buckets_.size() >= settings_.max_clients) return std::nullopt;
        it = buckets_.emplace(key, Bucket{settings_.burst, now}).first;
    }
    auto& bucket = it->second;
    const std::chrono::duration<double> elapsed = now - bucket.updated;
    bucket.tokens =
        std::min(settings_.burst, bucket.tokens + elapsed.count() * settings_.per_second);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return std::nullopt;
    }
    const double wait = (1 - bucket.tokens) / settings_.per_second;
    return std::chrono::seconds(std::max<long long>(1, static_cast<long long>(std::ceil(wait))));
}

std::size_t ClientRateLimiter::tracked_clients() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

Handler counted_within_limit(std::shared_ptr<ClientRateLimiter> limiter, Handler handler) {
    return [limiter = std::move(limiter), handler = std::move(handler)](const Request& request,
                                                                        const PathParams& params) {
        if (uncounted_reason_before_limit(request) || !limiter->take(request))
            return handler(request, params);
        Request over_limit = request;
        over_limit.over_visitor_limit = true;
        return handler(over_limit, params);
    };
}

}  // namespace coursedist::http
