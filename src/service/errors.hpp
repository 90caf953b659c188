#pragma once
// Outcomes of a use case that end the operation, by kind; the HTTP layer maps each to its status.

#include "domain/model.hpp"
#include "storage/store.hpp"

#include <stdexcept>
#include <string>

namespace coursedist::service {

// The database cannot be reached right now; the same request may succeed shortly (503). The
// store's own error, named here so that callers of the service handle the service's errors only.
using Unavailable = storage::StorageUnavailable;

class NotFound : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The request conflicts with the stored state (slug taken, variants exist).
class Conflict : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class PreconditionFailed : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class ValidationFailed : public std::runtime_error {
  public:
    explicit ValidationFailed(domain::FieldErrors errors)
        : std::runtime_error("validation failed"), errors_(std::move(errors)) {}
    const domain::FieldErrors& errors() const { return errors_; }

  private:
    domain::FieldErrors errors_;
};

}  // namespace coursedist::service
