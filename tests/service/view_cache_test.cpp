// ViewCache: entries live while the write generation is unchanged and the TTL has not passed.

#include "service/view_cache.hpp"

#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

std::shared_ptr<const CachedView> view(std::string body) {
    return std::make_shared<const CachedView>(CachedView{std::move(body), "\"e\""});
}

TEST(ViewCacheTest, ServesAnEntryWhileTheGenerationIsUnchanged) {
    ViewCache cache(std::chrono::hours(1), 10);
    cache.store("detail a", view("A"), 7);
    ASSERT_NE(cache.find("detail a", 7), nullptr);
    EXPECT_EQ(cache.find("detail a", 7)->body, "A");
    EXPECT_EQ(cache.find("detail b", 7), nullptr);
}

TEST(ViewCacheTest, AnyCommittedWriteInvalidates) {
    ViewCache cache(std::chrono::hours(1), 10);
    cache.store("detail a", view("A"), 7);
    EXPECT_EQ(cache.find("detail a", 8), nullptr);
    EXPECT_EQ(cache.find("detail a", 7), nullptr);  // evicted, not resurrected
}

TEST(ViewCacheTest, ZeroTtlDisablesIt) {
    ViewCache cache(std::chrono::milliseconds(0), 10);
    cache.store("detail a", view("A"), 1);
    EXPECT_EQ(cache.find("detail a", 1), nullptr);
    EXPECT_FALSE(cache.enabled());
}

TEST(ViewCacheTest, StaysWithinItsSizeBound) {
    ViewCache cache(std::chrono::hours(1), 3);
    for (int i = 0; i < 4; ++i) cache.store("k" + std::to_string(i), view("v"), 1);
    int found = 0;
    for (int i = 0; i < 4; ++i) found += cache.find("k" + std::to_string(i), 1) != nullptr;
    EXPECT_LE(found, 3);
    EXPECT_NE(cache.find("k3", 1), nullptr);  // the newest entry survives
}

}  // namespace
}  // namespace coursedist::service
