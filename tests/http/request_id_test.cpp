#include "http/request_id.hpp"

#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

TEST(RequestId, EchoesOnlySafeIds) {
    EXPECT_EQ(request_id_for("abc-123_x.y"), "abc-123_x.y");
    EXPECT_EQ(request_id_for(std::string(128, 'a')), std::string(128, 'a'));
    EXPECT_NE(request_id_for(std::string(129, 'a')), std::string(129, 'a'));
    EXPECT_NE(request_id_for("bad id"), "bad id");
    EXPECT_NE(request_id_for("a\r\nb"), "a\r\nb");
    EXPECT_FALSE(valid_request_id(""));
}

TEST(RequestId, GeneratesDistinctHexIds) {
    const auto a = request_id_for(std::nullopt);
    const auto b = generate_request_id();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_TRUE(valid_request_id(a));
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
}

}  // namespace
}  // namespace coursedist::http
