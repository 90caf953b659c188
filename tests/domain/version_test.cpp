#include "domain/version.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

TEST(Version, ValidVersions) {
    EXPECT_TRUE(is_valid_version("v1"));
    EXPECT_TRUE(is_valid_version("v10"));
    EXPECT_TRUE(is_valid_version("v9223372036854775807"));
}

TEST(Version, InvalidVersions) {
    for (const char* v : {"", "v", "v0", "v01", "1", "V1", "v-1", "v1.0", "v1 ", "x1"})
        EXPECT_FALSE(is_valid_version(v)) << v;
}

TEST(Version, NextVersion) {
    EXPECT_EQ(next_version("v1"), "v2");
    EXPECT_EQ(next_version("v9"), "v10");
    EXPECT_EQ(next_version("v99"), "v100");
}

TEST(Version, NextVersionRefusesInvalidAndOverflow) {
    EXPECT_EQ(next_version("v0"), std::nullopt);
    EXPECT_EQ(next_version("banana"), std::nullopt);
    EXPECT_EQ(next_version("v9223372036854775807"), std::nullopt);
    EXPECT_EQ(next_version("v99999999999999999999999"), std::nullopt);
    EXPECT_EQ(next_version("v9223372036854775806"), "v9223372036854775807");
}

}  // namespace
}  // namespace coursedist::domain
