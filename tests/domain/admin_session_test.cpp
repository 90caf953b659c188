// The admin console's session rules (spec/admin-console.md) with the clock as a parameter: idle
// and absolute expiry at their boundaries, the allowed `next` targets, the throttle of wrong
// sign-ins, and the tokens derived from a session.
#include "domain/admin_session.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

constexpr double kHour = 3600;

TEST(AdminSession, ExpiresAfterTwelveIdleHoursOrSevenDaysAfterSignIn) {
    const SessionLimits limits;  // the defaults: 12 h idle, 7 days absolute
    const double t0 = 1'700'000'000;
    AdminSession s{"h", "f", t0, t0};
    EXPECT_FALSE(session_expired(s, t0, limits));
    EXPECT_FALSE(session_expired(s, t0 + 12 * kHour - 1, limits));
    EXPECT_TRUE(session_expired(s, t0 + 12 * kHour, limits));
    // Kept alive by requests, it still ends 7 days after the sign-in.
    s.last_seen_at = t0 + 7 * 24 * kHour - 60;
    EXPECT_FALSE(session_expired(s, t0 + 7 * 24 * kHour - 1, limits));
    EXPECT_TRUE(session_expired(s, t0 + 7 * 24 * kHour, limits));
    // Shorter limits (the flags) apply as given.
    const SessionLimits short_limits{10, 100};
    AdminSession fresh{"h", "f", t0, t0 + 95};
    EXPECT_FALSE(session_expired(fresh, t0 + 99, short_limits));
    EXPECT_TRUE(session_expired(fresh, t0 + 100, short_limits));
    EXPECT_TRUE(session_expired({"h", "f", t0, t0}, t0 + 10, short_limits));
}

TEST(AdminSession, NextMustBeALocalPath) {
    for (const char* ok : {"/admin", "/admin/distributions?q=a%20b", "/"})
        EXPECT_TRUE(is_local_path(ok)) << ok;
    for (const char* bad : {"", "admin", "//evil.example", "/\\evil.example",
                            "https://evil.example/admin", "/admin\r\nX: y", "\t/admin"})
        EXPECT_FALSE(is_local_path(bad)) << bad;
}

TEST(AdminSession, FiveWrongTriesInAMinuteBlockEveryTryForTheRestOfIt) {
    SignInThrottle throttle;
    const double t0 = 1000;
    for (int i = 0; i < 5; ++i) {
        EXPECT_FALSE(throttle.blocked_for("a", t0 + i).has_value()) << i;
        throttle.failed("a", t0 + i);
    }
    EXPECT_EQ(throttle.blocked_for("a", t0 + 5), 55);
    EXPECT_EQ(throttle.blocked_for("a", t0 + 59.5), 1);
    EXPECT_FALSE(throttle.blocked_for("b", t0 + 5).has_value());   // per client
    EXPECT_FALSE(throttle.blocked_for("a", t0 + 60).has_value());  // the minute is over
    // Four failures, a minute apart from the next ones, never block.
    for (int i = 0; i < 4; ++i) throttle.failed("c", t0 + i);
    for (int i = 0; i < 4; ++i) throttle.failed("c", t0 + 61 + i);
    EXPECT_FALSE(throttle.blocked_for("c", t0 + 65).has_value());
}

TEST(AdminSession, DerivedValuesAreDistinctAndStable) {
    const auto a = new_session_value();
    const auto b = new_session_value();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_NE(a, b);
    EXPECT_EQ(csrf_token(a), csrf_token(a));
    EXPECT_NE(csrf_token(a), csrf_token(b));
    EXPECT_NE(csrf_token(a), sha256_hex(a));  // the CSRF token is not the stored hash
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_NE(token_fingerprint("token-a"), token_fingerprint("token-b"));
    EXPECT_TRUE(equal_constant_time("same", "same"));
    EXPECT_FALSE(equal_constant_time("same", "sane"));
    EXPECT_FALSE(equal_constant_time("same", "same!"));
}

}  // namespace
}  // namespace coursedist::domain
