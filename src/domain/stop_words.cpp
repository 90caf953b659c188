#include "domain/stop_words.hpp"

#include "domain/slug.hpp"

#include <map>
#include <set>
#include <string>

namespace coursedist::domain {

namespace {

struct StopWords {
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> by_language;
    std::set<std::string, std::less<>> any;  // every list's words
};

const StopWords& stop_words() {
    static const StopWords words = [] {
        StopWords w;
        for (const auto& file : stop_word_files()) {
            const auto language = std::string(file.name.substr(0, file.name.find('.')));
            auto& list = w.by_language[language];
            std::string_view rest = file.text;
            while (!rest.empty()) {
                const auto end = rest.find('\n');
                auto line = rest.substr(0, end);
                rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
                line = line.substr(0, line.find('#'));
                auto word = normalize_slug(line);
                if (word.empty()) continue;
                list.insert(word);
                w.any.insert(std::move(word));
            }
        }
        return w;
    }();
    return words;
}

}  // namespace

bool is_stop_word(std::string_view word, std::string_view language) {
    const auto& words = stop_words();
    const auto normalized = normalize_slug(word);
    const auto list = words.by_language.find(language.substr(0, 2));
    if (list == words.by_language.end()) return words.any.contains(normalized);
    return list->second.contains(normalized);
}

}  // namespace coursedist::domain
