#pragma once
// Wiring: the only place that names concrete implementations.

#include "app/config.hpp"

namespace coursedist::app {

int run_serve(const Config& config);
int run_migrate(const Config& config);
// seed_commands.cpp
int run_import_json(const Config& config);
int run_export_json(const Config& config);

}  // namespace coursedist::app
