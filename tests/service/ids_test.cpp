// Generated identifiers: distribution ids of SPEC section 2, UUID v4 event ids, random hex.

#include "service/ids.hpp"

#include "domain/validation.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace coursedist::service {
namespace {

TEST(Ids, DistributionIdsHaveTheModelsFormat) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto id = new_distribution_id();
        EXPECT_TRUE(domain::is_valid_distribution_id(id)) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100u);
}

TEST(Ids, EventIdsAreUuidVersion4) {
    const std::regex v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto id = new_event_id();
        EXPECT_TRUE(std::regex_match(id, v4)) << id;
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 100u);
}

TEST(Ids, RandomHexHasTheLengthAsked) {
    EXPECT_EQ(random_hex(0), "");
    for (std::size_t n : {1u, 6u, 33u}) {
        auto hex = random_hex(n);
        EXPECT_EQ(hex.size(), n);
        EXPECT_EQ(hex.find_first_not_of("0123456789abcdef"), std::string::npos) << hex;
    }
}

}  // namespace
}  // namespace coursedist::service
