// parse_iso8601: the timestamps of consumed events (SPEC section 4: no offset means UTC).

#include "domain/timestamp.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

constexpr double kNoonUtc = 1'795'780'800.0;  // 2026-11-27T12:00:00Z

TEST(ParseIso8601, NoOffsetIsUtc) {
    EXPECT_EQ(parse_iso8601("2026-11-27T12:00:00"), kNoonUtc);
    EXPECT_EQ(parse_iso8601("2026-11-27T12:00:00Z"), kNoonUtc);
    EXPECT_EQ(parse_iso8601("2026-11-27t12:00:00z"), kNoonUtc);
}

TEST(ParseIso8601, OffsetsAreSubtracted) {
    EXPECT_EQ(parse_iso8601("2026-11-27T13:00:00+01:00"), kNoonUtc);
    EXPECT_EQ(parse_iso8601("2026-11-27T13:00:00+0100"), kNoonUtc);
    EXPECT_EQ(parse_iso8601("2026-11-27T06:30:00-05:30"), kNoonUtc);
    EXPECT_EQ(parse_iso8601("2026-11-28T00:00:00+12:00"), kNoonUtc);
}

TEST(ParseIso8601, PythonsSpaceSeparatorAndFractions) {
    EXPECT_EQ(parse_iso8601("2026-11-27 12:00:00"), kNoonUtc);
    EXPECT_DOUBLE_EQ(*parse_iso8601("2026-11-27T12:00:00.25"), kNoonUtc + 0.25);
    EXPECT_DOUBLE_EQ(*parse_iso8601("2026-11-27T12:00:00,5Z"), kNoonUtc + 0.5);
    EXPECT_NEAR(*parse_iso8601("2026-11-27T12:00:00.123456+00:00"), kNoonUtc + 0.123456, 1e-6);
}

TEST(ParseIso8601, LeapDaysExistOnlyInLeapYears) {
    EXPECT_TRUE(parse_iso8601("2028-02-29T00:00:00"));
    EXPECT_TRUE(parse_iso8601("2000-02-29T00:00:00"));
    EXPECT_FALSE(parse_iso8601("2027-02-29T00:00:00"));
    EXPECT_FALSE(parse_iso8601("2100-02-29T00:00:00"));
    EXPECT_EQ(
        parse_iso8601("2028-03-01T00:00:00").value() - parse_iso8601("2028-02-28T00:00:00").value(),
        2 * 86400.0);
}

TEST(ParseIso8601, RefusesWhatIsNotSuchATimestamp) {
    for (const char* text :
         {"", "2026-11-27", "2026-11-27T12:00", "26-11-27T12:00:00", "2026/11/27T12:00:00",
          "2026-13-01T00:00:00", "2026-00-01T00:00:00", "2026-04-31T00:00:00",
          "2026-11-27T24:00:00", "2026-11-27T12:60:00", "2026-11-27T12:00:61",
          "2026-11-27T12:00:00.", "2026-11-27T12:00:00+25:00", "2026-11-27T12:00:00+01:60",
          "2026-11-27T12:00:00 UTC", "2026-11-27T12:00:00Zjunk", "2026-11-27X12:00:00",
          "２０２６-11-27T12:00:00"})
        EXPECT_EQ(parse_iso8601(text), std::nullopt) << text;
}

}  // namespace
}  // namespace coursedist::domain
