#include "domain/etag.hpp"

#include <cstdint>
#include <cstdio>

namespace coursedist::domain {

std::string strong_etag(std::string_view representation) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : representation) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "\"%016llx\"", static_cast<unsigned long long>(hash));
    return buffer;
}

}  // namespace coursedist::domain

#include "domain/json_codec.hpp"

#include <boost/json/serialize.hpp>

namespace coursedist::domain {

std::string admin_etag(const Distribution& d) {
    return strong_etag(boost::json::serialize(to_json(d)));
}

}  // namespace coursedist::domain
