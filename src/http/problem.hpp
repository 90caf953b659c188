#pragma once
// RFC 9457 problem+json responses, and the exception handlers throw to produce one.

#include "domain/model.hpp"
#include "http/message.hpp"

#include <stdexcept>
#include <string>

namespace coursedist::http {

Response problem(int status, std::string_view detail, const domain::FieldErrors& errors = {});
std::string_view status_title(int status);

// Thrown by handler helpers for a client error detected at the edge (bad JSON, wrong content
// type, missing token); turned into a problem response by the dispatcher.
class HttpError : public std::runtime_error {
  public:
    HttpError(int status, std::string detail, domain::FieldErrors errors = {})
        : std::runtime_error(detail), status_(status), errors_(std::move(errors)) {}
    int status() const { return status_; }
    const domain::FieldErrors& errors() const { return errors_; }
    Response response() const { return problem(status_, what(), errors_); }

  private:
    int status_;
    domain::FieldErrors errors_;
};

}  // namespace coursedist::http
