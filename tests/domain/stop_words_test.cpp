#include "domain/stop_words.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace coursedist::domain {
namespace {

TEST(StopWords, BothListsAreCompiledIn) {
    std::vector<std::string_view> names;
    for (const auto& file : stop_word_files()) names.push_back(file.name);
    EXPECT_NE(std::find(names.begin(), names.end(), "de.txt"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "en.txt"), names.end());
}

TEST(StopWords, GermanInAnyCaseAndUmlautSpelling) {
    for (const char* word : {"für", "Für", "fuer", "und", "der", "über", "ueber"})
        EXPECT_TRUE(is_stop_word(word, "de")) << word;
    EXPECT_TRUE(is_stop_word("und", "de-DE"));
    EXPECT_FALSE(is_stop_word("banken", "de"));
    EXPECT_FALSE(is_stop_word("the", "de"));  // the list of the language only
}

TEST(StopWords, English) {
    for (const char* word : {"for", "and", "The", "of"}) EXPECT_TRUE(is_stop_word(word, "en"));
    EXPECT_FALSE(is_stop_word("und", "en"));
    EXPECT_FALSE(is_stop_word("budget", "en"));
}

TEST(StopWords, ALanguageWithoutAListUsesEveryList) {
    EXPECT_TRUE(is_stop_word("und", "fr"));
    EXPECT_TRUE(is_stop_word("the", ""));
    EXPECT_FALSE(is_stop_word("budget", "fr"));
}

TEST(StopWords, CommentsAndBlankLinesAreNoWords) {
    EXPECT_FALSE(is_stop_word("", "de"));
    EXPECT_FALSE(is_stop_word("german", "de"));  // from the file's comment line
}

}  // namespace
}  // namespace coursedist::domain
