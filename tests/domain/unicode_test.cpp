#include "domain/unicode.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("Größe"));
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x8E\x93"));  // 🎓
}

TEST(Utf8, RefusesMalformedText) {
    EXPECT_FALSE(is_valid_utf8("\xFF"));
    EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated sequence
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong 3-byte
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate U+D800
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(is_valid_utf8("a\x80z"));            // stray continuation byte
}

TEST(Utf8, CountsCodePointsNotBytes) {
    EXPECT_EQ(code_points("abc"), 3u);
    EXPECT_EQ(code_points("Größe"), 5u);
    EXPECT_EQ(code_points("\xF0\x9F\x8E\x93!"), 2u);
    EXPECT_EQ(code_points("a\xFF\xFE"), 3u);  // each invalid byte counts as one
}

TEST(Utf8, DecodesAndSanitizes) {
    EXPECT_EQ(decode_utf8("aä"), (std::vector<char32_t>{'a', 0xE4}));
    EXPECT_EQ(decode_utf8("a\xFF"), (std::vector<char32_t>{'a', kReplacementCharacter}));
    EXPECT_EQ(sanitize_utf8("a\xFFz"), "a\xEF\xBF\xBDz");
    EXPECT_EQ(sanitize_utf8("Größe"), "Größe");
}

TEST(FoldCase, LowersAsciiLatin1AndLatinExtendedA) {
    EXPECT_EQ(fold_case("ABC xyz"), "abc xyz");
    EXPECT_EQ(fold_case("ÄÖÜ ÉÀÇÑ ẞ"), "äöü éàçñ ß");
    EXPECT_EQ(fold_case("×"), "×");  // not a letter
    EXPECT_EQ(fold_case("ŁÓDŹ ŒUVRE ĲSSEL Ÿ"), "łódź œuvre ĳssel ÿ");
    EXPECT_EQ(fold_case("ĹĽŇ"), "ĺľň");  // the range where upper case has odd code points
    EXPECT_EQ(fold_case("łódź"), "łódź");
    EXPECT_EQ(fold_case("a\xFF"), "a\xFF");
    EXPECT_EQ(fold_case("İSTANBUL"), "istanbul");
}

TEST(TruncateAtWord, KeepsShortTextTrimmed) {
    EXPECT_EQ(truncate_at_word("  hello world  ", 60), "hello world");
}

TEST(TruncateAtWord, CutsAtTheLastWholeWord) {
    EXPECT_EQ(truncate_at_word("one two three", 9), "one two");
    EXPECT_EQ(truncate_at_word("one two three", 7), "one two");  // limit falls on a boundary
    EXPECT_EQ(truncate_at_word("one two three", 8), "one two");
}

TEST(TruncateAtWord, NoBreakSpaceIsABoundary) {
    EXPECT_EQ(truncate_at_word("one\u00A0two three", 9), "one\u00A0two");
    EXPECT_EQ(truncate_at_word("one two\u00A0three", 10), "one two");
}

TEST(TruncateAtWord, CountsCodePoints) {
    // 9 code points but 12 bytes: a byte-based cut would drop "Übermaß".
    EXPECT_EQ(truncate_at_word("Größe Übermaß Fuß", 13), "Größe Übermaß");
}

TEST(TruncateAtWord, CutsASingleLongWordAtTheLimit) {
    EXPECT_EQ(truncate_at_word("Donaudampfschifffahrt", 5), "Donau");
    EXPECT_EQ(truncate_at_word("Äöüäöü", 3), "Äöü");
}

TEST(TruncateCodePoints, CutsHardAndTrims) {
    EXPECT_EQ(truncate_code_points(" ab cdef", 4), "ab c");
    EXPECT_EQ(truncate_code_points("ab cdef", 3), "ab");
    EXPECT_EQ(truncate_code_points("äöü", 2), "äö");
}

}  // namespace
}  // namespace coursedist::domain
