#include "support/gzip.hpp"

#include <zlib.h>

#include <array>

namespace coursedist::testing {

std::optional<std::string> gunzip(std::string_view compressed) {
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return std::nullopt;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    std::string out;
    std::array<char, 16384> buffer{};
    int rc = Z_OK;
    while (true) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
        stream.avail_out = static_cast<uInt>(buffer.size());
        rc = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer.data(), buffer.size() - stream.avail_out);
        if (rc == Z_STREAM_END && stream.avail_in > 0) {
            inflateReset(&stream);  // a further member
            continue;
        }
        if (rc != Z_OK) break;
    }
    inflateEnd(&stream);
    if (rc != Z_STREAM_END) return std::nullopt;
    return out;
}

}  // namespace coursedist::testing
