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

// A slug that names no readable course now, for a known reason (spec/seo-lifecycle.md). Both are
// NotFound to whoever does not tell them apart.
// An old slug of a readable course: answered with a 301 to its current slug.
class Moved : public NotFound {
  public:
    explicit Moved(std::string current_slug)
        : NotFound("moved to " + current_slug), current_slug_(std::move(current_slug)) {}
    const std::string& current_slug() const { return current_slug_; }

  private:
    std::string current_slug_;
};

// A slug of a deleted distribution that no other has taken since: 410.
class Gone : public NotFound {
  public:
    using NotFound::NotFound;
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
