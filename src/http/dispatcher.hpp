#pragma once
// Turns a request into a response: routing, 404/405, mapping every failure to problem+json
// (a 500 never shows internals), and per-route metrics.

#include "http/message.hpp"
#include "http/router.hpp"
#include "service/metrics.hpp"

namespace coursedist::http {

class Dispatcher {
  public:
    Dispatcher(const Router& router, service::Metrics& metrics);
    Response operator()(Request& request) const;

  private:
    Response dispatch(const Request& request, std::string_view& route) const;
    const Router& router_;
    service::Metrics& metrics_;
};

}  // namespace coursedist::http
