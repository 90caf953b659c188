#pragma once

#include <string>

namespace coursedist::app {

// spdlog to stderr, as text or as one JSON object per line.
void configure_logging(const std::string& format, const std::string& level);

}  // namespace coursedist::app
