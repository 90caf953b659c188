#pragma once
// Bearer-token authentication of the admin API.

#include "http/message.hpp"

#include <string>
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

  private:
    std::vector<std::string> tokens_;
};

}  // namespace coursedist::http
