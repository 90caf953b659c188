#pragma once
// Bearer-token authentication of the admin API.

#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::http {

class AdminAuth {
  public:
    explicit AdminAuth(std::vector<std::string> tokens);
    // Compares against every configured token in constant time (no early exit, no length leak
    // beyond the token count).
    bool authorized(const Request& request) const;
    // Throws HttpError 401 (with WWW-Authenticate) unless authorized.
    void require(const Request& request) const;

    // The admin console's sign-in (domain/admin_session.hpp): the fingerprint of the configured
    // token `presented` is (compared like a bearer token), or nullopt; and whether a stored
    // session's token is still configured.
    std::optional<std::string> fingerprint_of(std::string_view presented) const;
    bool has_fingerprint(std::string_view fingerprint) const;

  private:
    std::vector<std::string> tokens_;
    std::vector<std::string> fingerprints_;  // of tokens_, in the same order
};

}  // namespace coursedist::http
