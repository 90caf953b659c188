// The request target as handlers see it, and what is refused before any handler runs (path
// traversal, issue 7).
#include "http/target_decoding.hpp"

#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

TEST(TargetDecoding, DecodesPathAndQuery) {
    auto decoded = decode_target("/courses/caf%C3%A9?q=a+b&language=de&q=%26");
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->path, "/courses/café");
    ASSERT_EQ(decoded->query.size(), 3u);
    EXPECT_EQ(decoded->query[0], (std::pair<std::string, std::string>{"q", "a b"}));
    EXPECT_EQ(decoded->query[2], (std::pair<std::string, std::string>{"q", "&"}));
}

TEST(TargetDecoding, RefusesTraversalAndEncodedSeparators) {
    for (const char* target : {"/courses/..%2f..%2fetc%2fpasswd", "/api/distributions/..%2f",
                               "/courses/../etc/passwd", "/courses/%2e%2e/x", "/a/b%2Fc", "/a/%00",
                               "/a?x=%00", "http://example.com/a", "*", "courses"}) {
        EXPECT_FALSE(decode_target(target)) << target;
    }
}

TEST(TargetDecoding, AnEmptyPathIsTheRoot) {
    auto decoded = decode_target("/?a=1");
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->path, "/");
}

}  // namespace
}  // namespace coursedist::http
