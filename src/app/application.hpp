#pragma once
// Wiring: the only place that names concrete implementations.

#include "app/config.hpp"

namespace coursedist::app {

int run_serve(const Config& config);
int run_migrate(const Config& config);

}  // namespace coursedist::app
