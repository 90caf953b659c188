#include "service/ids.hpp"

#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>

#include <random>

namespace coursedist::service {

namespace {
std::mt19937_64& generator() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}
}  // namespace

std::string random_hex(std::size_t length) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(length, '0');
    for (auto& c : out) c = kDigits[generator()() & 0xf];
    return out;
}

std::string new_distribution_id() {
    return "dist_" + random_hex(16);
}

std::string new_event_id() {
    thread_local boost::uuids::random_generator uuid_generator;
    return boost::uuids::to_string(uuid_generator());
}

}  // namespace coursedist::service
