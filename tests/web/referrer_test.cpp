// The referrer category of a view, from the Referer host and utm_medium (nothing else is kept).

#include "web/referrer.hpp"

#include <gtest/gtest.h>

namespace coursedist::web {
namespace {

constexpr std::string_view kOwn = "courses.example.test";

TEST(Referrer, CategoriesFromHostAndUtmMedium) {
    EXPECT_EQ(referrer_category(std::nullopt, std::nullopt, kOwn), "direct");
    EXPECT_EQ(referrer_category("https://www.google.de/search?q=x", std::nullopt, kOwn),
              "organic_search");
    EXPECT_EQ(referrer_category("https://mail.google.com/", std::nullopt, kOwn), "email");
    EXPECT_EQ(referrer_category("https://t.co/abc", std::nullopt, kOwn), "social");
    EXPECT_EQ(referrer_category("https://www.linkedin.com/feed", std::nullopt, kOwn), "social");
    EXPECT_EQ(referrer_category("https://blog.example.org/post", std::nullopt, kOwn), "referral");
    EXPECT_EQ(referrer_category("https://notgoogle.example/", std::nullopt, kOwn), "referral");
    EXPECT_EQ(referrer_category("https://courses.example.test/courses", std::nullopt, kOwn),
              "direct");
    EXPECT_EQ(referrer_category("https://www.google.de/", "cpc", kOwn), "paid");
    EXPECT_EQ(referrer_category("garbage", std::nullopt, kOwn), "other");
}

TEST(Referrer, UtmMediumWinsOverTheHost) {
    EXPECT_EQ(referrer_category("https://www.google.de/", "Newsletter", kOwn), "email");
    EXPECT_EQ(referrer_category(std::nullopt, "social", kOwn), "social");
    EXPECT_EQ(referrer_category(std::nullopt, "DISPLAY", kOwn), "paid");
    // An unknown medium leaves the decision to the host.
    EXPECT_EQ(referrer_category("https://duckduckgo.com/", "banner", kOwn), "organic_search");
}

TEST(Referrer, HostsMatchWholeLabelsOnly) {
    EXPECT_EQ(referrer_category("https://gmail.example/", std::nullopt, kOwn), "referral");
    EXPECT_EQ(referrer_category("https://box.com/", std::nullopt, kOwn), "referral");
    EXPECT_EQ(referrer_category("https://m.facebook.com/", std::nullopt, kOwn), "social");
    EXPECT_EQ(referrer_category("https://www.google.co.uk/", std::nullopt, kOwn), "organic_search");
    EXPECT_EQ(referrer_category("", std::nullopt, kOwn), "direct");
    EXPECT_EQ(referrer_category("https://COURSES.example.test/x", std::nullopt, kOwn), "direct");
}

TEST(UrlHost, LowercaseHostWithoutUserPortOrPath) {
    EXPECT_EQ(url_host("https://user@Host.Example:8443/x"), "host.example");
    EXPECT_EQ(url_host("https://www.Google.de:443/search?q=x"), "www.google.de");
    EXPECT_EQ(url_host("http://a.test?x#y"), "a.test");
    EXPECT_EQ(url_host("http://[::1]:8080/"), "[::1]");
    EXPECT_EQ(url_host("http://[::1/"), "");
    EXPECT_EQ(url_host("no scheme"), "");
}

}  // namespace
}  // namespace coursedist::web
