// List cursors: opaque tokens that decode back to the position they were made from, and refuse
// anything this service did not issue.

#include "service/cursor.hpp"

#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

storage::ListCursor at(double key, std::string id) {
    return storage::ListCursor{key, std::move(id)};
}

TEST(Cursor, RoundTripsExactly) {
    for (const auto& cursor :
         {at(1'800'000'000.123456789, "dist_0123456789abcdef"), at(0, "dist_ffffffffffffffff"),
          at(-1.5, "dist_0000000000000000"), at(1e-300, "dist_00000000000000aa")}) {
        auto token = encode_cursor(cursor);
        auto back = decode_cursor(token);
        ASSERT_TRUE(back) << token;
        EXPECT_EQ(back->sort_key, cursor.sort_key);
        EXPECT_EQ(back->distribution_id, cursor.distribution_id);
    }
}

TEST(Cursor, TokensAreLowercaseHexSafeInAUrl) {
    auto token = encode_cursor(at(12.5, "dist_0123456789abcdef"));
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
}

TEST(Cursor, RefusesWhatItDidNotIssue) {
    const auto valid = encode_cursor(at(12.5, "dist_0123456789abcdef"));
    const auto hex = [](std::string_view plain) {
        std::string out;
        for (unsigned char c : plain) {
            static constexpr char kDigits[] = "0123456789abcdef";
            out += kDigits[c >> 4];
            out += kDigits[c & 0xf];
        }
        return out;
    };
    for (const std::string& token :
         {std::string(), std::string("a"), valid.substr(1), valid.substr(0, valid.size() - 2),
          std::string("zz") + valid.substr(2), std::string(202, 'a'),
          hex("12.5dist_0123456789abcdef"), hex("x|dist_0123456789abcdef"),
          hex("12.5x|dist_0123456789abcdef"), hex("12.5|dist_0123"), hex("12.5|"),
          hex("|dist_0123456789abcdef"), hex("12.5|dist_0123456789ABCDEF")})
        EXPECT_EQ(decode_cursor(token), std::nullopt) << token;
}

}  // namespace
}  // namespace coursedist::service
