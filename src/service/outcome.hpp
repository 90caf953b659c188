#pragma once
// The result of an operation that completes later, on another thread: its value, or the
// exception it failed with, handed over to a completion callback.

#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace coursedist::service {

template <typename T>
class Outcome {
  public:
    explicit Outcome(T value) : value_(std::move(value)) {}
    explicit Outcome(std::exception_ptr error) : error_(std::move(error)) {}

    // The value, or the failure rethrown (NotFound, StorageUnavailable, …).
    const T& get() const {
        if (error_) std::rethrow_exception(error_);
        return *value_;
    }

  private:
    std::optional<T> value_;
    std::exception_ptr error_;
};

template <typename T>
using Completion = std::function<void(Outcome<T>)>;

}  // namespace coursedist::service
