#pragma once
// The admin console's sessions (spec/admin-console.md, "Sign-in and session security"): kept in
// the database by the SHA-256 of their cookie value, so that they survive restarts and are shared
// by instances; each remembers the fingerprint of the admin token it was signed in with.

#include "domain/admin_session.hpp"
#include "service/distribution_service.hpp"
#include "storage/store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace coursedist::service {

class AdminSessions {
  public:
    AdminSessions(storage::Store& store, Clock clock, domain::SessionLimits limits);

    // A new session for the token of `token_fingerprint`; returns its cookie value (the only
    // place it exists in full). Expired sessions are deleted on the way.
    std::string start(const std::string& token_fingerprint);
    // The live session of the cookie value `value`, its last request moved to now; nullopt when
    // there is none, it has expired, or `token_valid` refuses its token's fingerprint (then it is
    // deleted).
    std::optional<domain::AdminSession> resume(
        std::string_view value, const std::function<bool(std::string_view)>& token_valid);
    // Ends the session of `value` (nothing when there is none).
    void end(std::string_view value);

    const domain::SessionLimits& limits() const { return limits_; }
    double now() const { return clock_(); }

  private:
    storage::Store& store_;
    Clock clock_;
    domain::SessionLimits limits_;
};

}  // namespace coursedist::service
