#pragma once
// The admin console's sign-in (spec/admin-console.md, "Sign-in and session security"), as plain
// rules: what a session is, when it has expired, which `next` targets are allowed, and how many
// wrong sign-ins one client may make. No I/O: the clock is a parameter (Unix seconds).

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace coursedist::domain {

// A signed-in console session as stored: only the SHA-256 of the cookie value (hex), and the
// fingerprint of the admin token it came from, so that it dies with that token.
struct AdminSession {
    std::string session_hash;
    std::string token_fingerprint;
    double created_at = 0;
    double last_seen_at = 0;
    friend bool operator==(const AdminSession&, const AdminSession&) = default;
};

struct SessionLimits {
    double idle_seconds = 12 * 3600;     // since the last request
    double max_seconds = 7 * 24 * 3600;  // since the sign-in
};

// Whether `session` has ended by `now`: idle for idle_seconds, or max_seconds after sign-in.
bool session_expired(const AdminSession& session, double now, const SessionLimits& limits);

// Lower-case hex of the SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);
// 32 random bytes (OpenSSL RAND_bytes) as lower-case hex: a new session's cookie value.
std::string new_session_value();
// The fingerprint of an admin token stored with its sessions.
std::string token_fingerprint(std::string_view token);
// The CSRF token of the session whose cookie value is `session_value`: worthless in another.
std::string csrf_token(std::string_view session_value);
// Equality in time that depends on the lengths only.
bool equal_constant_time(std::string_view a, std::string_view b);

// A local path to go to after sign-in: starts with a single `/`, never `//` or `/\`, no control
// characters.
bool is_local_path(std::string_view next);

// Wrong sign-ins per client: after `max_failures` within `window_seconds` of the first, every
// try (right or wrong) until that window ends is refused. Thread-safe.
class SignInThrottle {
  public:
    explicit SignInThrottle(int max_failures = 5, double window_seconds = 60)
        : max_failures_(max_failures), window_seconds_(window_seconds) {}
    // Seconds until `client` may try again (rounded up, at least 1); nullopt when it may now.
    std::optional<int> blocked_for(const std::string& client, double now);
    void failed(const std::string& client, double now);

  private:
    struct Window {
        double started_at = 0;
        int failures = 0;
    };
    int max_failures_;
    double window_seconds_;
    std::mutex mutex_;
    std::map<std::string, Window> windows_;
};

}  // namespace coursedist::domain
