#pragma once

#include <string>

namespace coursedist::service {

std::string random_hex(std::size_t length);
std::string new_distribution_id();  // dist_ + 16 lowercase hex
std::string new_event_id();         // UUID v4

}  // namespace coursedist::service
