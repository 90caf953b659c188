// COURSEDIST_REDIS: redis://[:password@]host[:port][/db].

#include "events/redis_connection.hpp"

#include <gtest/gtest.h>

namespace coursedist::events {
namespace {

TEST(ParseRedisUri, TakesHostPortAndDb) {
    auto e = parse_redis_uri("redis://cache.local:6380/2");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->host, "cache.local");
    EXPECT_EQ(e->port, 6380);
    EXPECT_EQ(e->db, 2);
    EXPECT_EQ(e->password, "");
}

TEST(ParseRedisUri, DefaultsPortAndDb) {
    auto e = parse_redis_uri("redis://127.0.0.1");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->port, 6379);
    EXPECT_EQ(e->db, 0);
}

TEST(ParseRedisUri, TakesAPassword) {
    auto e = parse_redis_uri("redis://:s%40cret@h:1/0");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->password, "s@cret");
    EXPECT_EQ(e->host, "h");
}

TEST(ParseRedisUri, RefusesMalformedUris) {
    EXPECT_FALSE(parse_redis_uri("http://h:1"));
    EXPECT_FALSE(parse_redis_uri("redis://h:0"));
    EXPECT_FALSE(parse_redis_uri("redis://h:99999"));
    EXPECT_FALSE(parse_redis_uri("redis://h/x"));
    EXPECT_FALSE(parse_redis_uri("redis://"));
    EXPECT_FALSE(parse_redis_uri("not a uri"));
}

}  // namespace
}  // namespace coursedist::events
