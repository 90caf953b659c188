// Page texts per language and the number, duration and counter formats that go with them.

#include "web/labels.hpp"

#include <gtest/gtest.h>

namespace coursedist::web {
namespace {

TEST(Labels, NumbersAndDurationsPerLanguage) {
    EXPECT_EQ(format_count(1234567, true), "1.234.567");
    EXPECT_EQ(format_count(999, false), "999");
    EXPECT_EQ(format_count(1000, false), "1,000");
    EXPECT_EQ(format_count(0, true), "0");
    EXPECT_EQ(format_duration(150, true), "2 Std. 30 Min.");
    EXPECT_EQ(format_duration(45, false), "45 min");
    EXPECT_EQ(format_duration(120, false), "2 h");
}

TEST(Labels, LanguageNames) {
    EXPECT_EQ(language_name("de", false), "German");
    EXPECT_EQ(language_name("de", true), "Deutsch");
    EXPECT_EQ(language_name("de-AT", true), "Deutsch (AT)");
    EXPECT_EQ(language_name("xx", true), "xx");
}

TEST(Labels, TextsByKeyWithTheKeyAsFallback) {
    EXPECT_EQ(label("outline", true), "Kursinhalt");
    EXPECT_EQ(label("no-such-label", false), "no-such-label");
    EXPECT_TRUE(labels(true).get("outline")->is_string());
    EXPECT_EQ(labels(true).get("outline")->string_value(), "Kursinhalt");
}

TEST(Labels, CountersAgreeInNumber) {
    EXPECT_EQ(format_counters(1, 3, true), "1 Aufruf · 3 Anmeldungen");
    EXPECT_EQ(format_counters(1234, 1, false), "1,234 views · 1 enrollment");
    EXPECT_EQ(format_counters(0, 0, false), "0 views · 0 enrollments");
}

TEST(Labels, ChaptersAndDuration) {
    EXPECT_EQ(format_chapters_and_duration(4, 45, true), "4 Kapitel · 45 Min.");
    EXPECT_EQ(format_chapters_and_duration(1, 0, false), "1 chapter");
    EXPECT_EQ(format_chapters_and_duration(7, 110, false), "7 chapters · 1 h 50 min");
}

TEST(Labels, CommaList) {
    EXPECT_EQ(comma_list({}), "");
    EXPECT_EQ(comma_list({"a"}), "a");
    EXPECT_EQ(comma_list({"a", "b", "c"}), "a, b, c");
}

}  // namespace
}  // namespace coursedist::web
