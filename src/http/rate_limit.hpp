#pragma once
// Per-client token buckets for the public routes that count (page views, enrollment clicks), so
// that one client cannot inflate the counters without bound. A client over its limit is still
// served (spec/analytics.md: a visitor is never refused a page or an enroll redirect); its
// requests just do not count. In memory only; a client is known by a keyed hash of its address
// (random key per process), so no address is stored or logged.

#include "http/router.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace coursedist::http {

struct RateLimitSettings {
    bool enabled = true;
    double per_second = 1;  // tokens added per second
    double burst = 30;      // bucket size: requests allowed at once after a quiet spell
    // Clients tracked at most; past it, refilled buckets are dropped first and then new clients
    // pass untracked (memory stays bounded under an address-spoofing flood).
    std::size_t max_clients = 100'000;
    // Take the client from the last X-Forwarded-For entry (the one our own proxy appended);
    // only behind a proxy that sets it, otherwise clients could pick their own bucket.
    bool trust_forwarded_for = false;
};

// The address a visitor's request comes from: the last X-Forwarded-For entry when trusted (the one
// our own proxy appended), else the peer's. Used to tell clients apart, never stored.
std::string_view visitor_address(const Request& request, bool trust_forwarded_for);

// "off", or "<per second>,<burst>" with both positive (burst at least 1); nullopt when invalid.
std::optional<RateLimitSettings> parse_rate_limit(std::string_view text);

class ClientRateLimiter {
  public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    explicit ClientRateLimiter(
        RateLimitSettings settings, Clock clock = [] { return std::chrono::steady_clock::now(); });

    // Takes a token for the request's client: nullopt when it had one; when there is none, the
    // whole seconds until there will be one.
    std::optional<std::chrono::seconds> take(const Request& request);
    std::size_t tracked_clients() const;

  private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point updated;
    };
    std::uint64_t client_key(const Request& request) const;
    void drop_refilled(std::chrono::steady_clock::time_point now);

    RateLimitSettings settings_;
    Clock clock_;
    std::string hash_key_;                       // random per process, never leaves it
    std::chrono::duration<double> refill_time_;  // an idle bucket is full again after this
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, Bucket> buckets_;  // guarded by mutex_
    std::chrono::steady_clock::time_point next_sweep_;   // guarded by mutex_
};

// `handler` behind the limiter: a request that would count takes a token of its client; once the
// client has none, the handler gets a copy of the request marked over_visitor_limit, which it
// serves without counting (http/counting.hpp). Requests that would not count anyway (HEAD,
// crawlers, prefetches, no User-Agent) take no token. The handler's response must not refer to the
// request it was given (a deferred answer keeps copies of what it needs).
Handler counted_within_limit(std::shared_ptr<ClientRateLimiter> limiter, Handler handler);

}  // namespace coursedist::http
