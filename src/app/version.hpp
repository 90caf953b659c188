#pragma once
// The release's version: `coursedist --version`, the serve start-up line and
// /api/distributions/health all show this one string.

namespace coursedist::app {

inline constexpr const char* kVersion = "1.0.0";

}  // namespace coursedist::app
