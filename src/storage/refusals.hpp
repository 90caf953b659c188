#pragma once
// Refusals by the database's own constraints that the service layer answers (beside SlugTaken in
// store.hpp), kept apart so that adding one does not touch the store interface's header.

#include <stdexcept>

namespace coursedist::storage {

// The one-running-experiment-per-distribution index refused a row: two creates raced (another
// instance's committed first).
class ExperimentAlreadyRunning : public std::runtime_error {
  public:
    ExperimentAlreadyRunning() : std::runtime_error("an experiment is already running") {}
};

}  // namespace coursedist::storage
