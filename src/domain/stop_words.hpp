#pragma once
// Stop words (growth.md): the words left out of keyword suggestions and short slugs. The lists are
// data, one file a language (src/domain/stop_words/<language>.txt, one word a line, `#` comments),
// compiled in by coursedist_embed_files (CMakeLists.txt).

#include <string_view>
#include <vector>

namespace coursedist::domain {

struct StopWordFile {
    std::string_view name;  // "<language>.txt"
    std::string_view text;
};

// The embedded lists (generated from src/domain/stop_words).
const std::vector<StopWordFile>& stop_word_files();

// Whether `word` is a stop word of `language` (`de`, `de-DE`: the list of its first two letters;
// a language without a list: a stop word of any list). Words compare in slug form
// (normalize_slug: `Für`, `für` and `fuer` are the same word).
bool is_stop_word(std::string_view word, std::string_view language);

}  // namespace coursedist::domain
