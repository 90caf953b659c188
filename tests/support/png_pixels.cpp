#include "support/png_pixels.hpp"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace coursedist::testing {

namespace {

std::uint32_t big_endian(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           p[3];
}

std::uint8_t paeth(int a, int b, int c) {
    const int p = a + b - c;
    const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
    if (pa <= pb && pa <= pc) return static_cast<std::uint8_t>(a);
    return static_cast<std::uint8_t>(pb <= pc ? b : c);
}

// Undoes the per-scanline filters (PNG spec section 9) in place.
void unfilter(std::vector<std::uint8_t>& data, int width, int height, int channels) {
    const std::size_t stride = static_cast<std::size_t>(width) * channels;
    for (int y = 0; y < height; ++y) {
        std::uint8_t* row = data.data() + y * (stride + 1);
        const std::uint8_t* previous = y == 0 ? nullptr : row - (stride + 1);
        const int filter = row[0];
        std::uint8_t* px = row + 1;
        for (std::size_t i = 0; i < stride; ++i) {
            const int a = i >= static_cast<std::size_t>(channels) ? px[i - channels] : 0;
            const int b = previous ? previous[1 + i] : 0;
            const int c = previous && i >= static_cast<std::size_t>(channels)
                              ? previous[1 + i - channels]
                              : 0;
            switch (filter) {
                case 0:
                    break;
                case 1:
                    px[i] = static_cast<std::uint8_t>(px[i] + a);
                    break;
                case 2:
                    px[i] = static_cast<std::uint8_t>(px[i] + b);
                    break;
                case 3:
                    px[i] = static_cast<std::uint8_t>(px[i] + (a + b) / 2);
                    break;
                case 4:
                    px[i] = static_cast<std::uint8_t>(px[i] + paeth(a, b, c));
                    break;
                default:
                    throw std::runtime_error("PNG: unknown filter");
            }
        }
    }
}

}  // namespace

std::size_t Image::count_colour(std::uint32_t rgb_hex, int tolerance) const {
    const int r = (rgb_hex >> 16) & 0xFF, g = (rgb_hex >> 8) & 0xFF, b = rgb_hex & 0xFF;
    std::size_t count = 0;
    for (std::size_t i = 0; i + 2 < rgb.size(); i += 3)
        if (std::abs(rgb[i] - r) <= tolerance && std::abs(rgb[i + 1] - g) <= tolerance &&
            std::abs(rgb[i + 2] - b) <= tolerance)
            ++count;
    return count;
}

Image read_png(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::uint8_t> file((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
    static constexpr std::uint8_t kSignature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (file.size() < 33 || std::memcmp(file.data(), kSignature, 8) != 0)
        throw std::runtime_error(path.string() + " is not a PNG");
    Image image;
    int channels = 0;
    std::vector<std::uint8_t> compressed;
    for (std::size_t at = 8; at + 12 <= file.size();) {
        const auto length = big_endian(&file[at]);
        const std::string type(reinterpret_cast<const char*>(&file[at + 4]), 4);
        const std::uint8_t* body = &file[at + 8];
        if (at + 12 + length > file.size()) throw std::runtime_error("PNG: truncated chunk");
        if (type == "IHDR") {
            image.width = static_cast<int>(big_endian(body));
            image.height = static_cast<int>(big_endian(body + 4));
            const int depth = body[8], colour = body[9], interlace = body[12];
            if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0)
                throw std::runtime_error("PNG: only 8-bit RGB(A), non-interlaced");
            channels = colour == 6 ? 4 : 3;
        } else if (type == "IDAT") {
            compressed.insert(compressed.end(), body, body + length);
        }
        at += 12 + length;
    }
    std::vector<std::uint8_t> raw(static_cast<std::size_t>(image.height) *
                                  (static_cast<std::size_t>(image.width) * channels + 1));
    uLongf raw_size = raw.size();
    if (channels == 0 ||
        uncompress(raw.data(), &raw_size, compressed.data(), compressed.size()) != Z_OK ||
        raw_size != raw.size())
        throw std::runtime_error("PNG: cannot inflate the image data");
    unfilter(raw, image.width, image.height, channels);
    image.rgb.reserve(static_cast<std::size_t>(image.width) * image.height * 3);
    for (int y = 0; y < image.height; ++y) {
        const std::uint8_t* row = raw.data() + y * (image.width * channels + 1) + 1;
        for (int x = 0; x < image.width; ++x)
            image.rgb.insert(image.rgb.end(), row + x * channels, row + x * channels + 3);
    }
    return image;
}

}  // namespace coursedist::testing
