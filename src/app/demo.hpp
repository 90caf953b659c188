#pragma once

#include "service/distribution_service.hpp"

#include <string>

namespace coursedist::app {

// Fills an empty database with a few published demo courses (German and English with reciprocal
// hreflang, and a micro-niche variant). Does nothing when distributions exist.
void load_demo_courses(service::DistributionService& service, const std::string& base_url);

}  // namespace coursedist::app
