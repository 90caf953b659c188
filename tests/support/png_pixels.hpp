#pragma once
// Reads a PNG screenshot (8-bit RGB or RGBA, not interlaced, as Chromium writes them) into
// pixels, so browser tests can check what is visible on screen.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace coursedist::testing {

struct Image {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> rgb;  // width * height * 3

    // How many pixels are within `tolerance` (per channel) of the colour 0xRRGGBB.
    std::size_t count_colour(std::uint32_t rgb_hex, int tolerance = 8) const;
};

// Throws std::runtime_error for a file that is not such a PNG.
Image read_png(const std::filesystem::path& path);

}  // namespace coursedist::testing
