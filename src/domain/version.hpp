#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::domain {

bool is_valid_version(std::string_view v);  // `v<N>`, N ≥ 1, no leading zeros
// `vN` → `vN+1`; nullopt for an invalid version or on overflow.
std::optional<std::string> next_version(std::string_view v);

}  // namespace coursedist::domain
