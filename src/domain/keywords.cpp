#include "domain/keywords.hpp"

#include "domain/slug.hpp"
#include "domain/stop_words.hpp"
#include "domain/unicode.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace coursedist::domain {

namespace {

constexpr double kTitleWeight = 3;
constexpr double kTargetGroupWeight = 2;
constexpr double kTextWeight = 1;
constexpr std::size_t kPhraseWordsMax = 3;

bool is_word_character(char32_t cp) {
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 signs, × ÷
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // punctuation, symbols
    if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
    return cp != kReplacementCharacter;
}

// Inside a phrase: spaces and the joiners of words (E-Mail, don't); anything else ends it.
bool is_phrase_space(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '-' || cp == '\'' ||
           cp == 0xA0 || cp == 0x2019;
}

// The case-folded words of `text`, in runs that punctuation separates.
std::vector<std::vector<std::string>> word_runs(std::string_view text) {
    std::vector<std::vector<std::string>> runs(1);
    std::string word;
    auto end_word = [&] {
        if (!word.empty()) runs.back().push_back(std::exchange(word, {}));
    };
    for (char32_t cp : decode_utf8(fold_case(text))) {
        if (is_word_character(cp)) {
            append_utf8(word, cp);
            continue;
        }
        end_word();
        if (!is_phrase_space(cp) && !runs.back().empty()) runs.emplace_back();
    }
    end_word();
    return runs;
}

bool is_number(std::string_view word) {
    return std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A word that may stand alone or open or close a phrase.
bool is_content_word(std::string_view word, std::string_view language) {
    return code_points(word) >= 2 && !is_number(word) && !is_stop_word(word, language);
}

void add_terms(std::string_view text, double weight, std::string_view language, TermCounts& terms) {
    for (const auto& run : word_runs(text)) {
        for (std::size_t first = 0; first < run.size(); ++first) {
            if (!is_content_word(run[first], language)) continue;
            std::string phrase = run[first];
            terms[phrase] += weight;
            for (std::size_t n = 2; n <= kPhraseWordsMax && first + n <= run.size(); ++n) {
                const auto& last = run[first + n - 1];
                phrase += ' ';
                phrase += last;
                if (is_content_word(last, language)) terms[phrase] += weight;
            }
        }
    }
}

std::size_t word_count(std::string_view term) {
    return static_cast<std::size_t>(std::count(term.begin(), term.end(), ' ')) + 1;
}

bool contains_folded(std::string_view text, std::string_view keyword) {
    return !keyword.empty() && fold_case(text).find(keyword_key(keyword)) != std::string::npos;
}

std::string slugs_named(const std::vector<std::string>& slugs) {
    std::string out;
    for (const auto& slug : slugs) out += (out.empty() ? "" : ", ") + slug;
    return out;
}

SeoCheck length_check(std::string check, std::string_view what, std::string_view text,
                      std::size_t best_min, std::size_t best_max) {
    const auto n = code_points(text);
    const auto range = std::to_string(best_min) + "–" + std::to_string(best_max);
    const bool ok = n >= best_min && n <= best_max;
    std::string message = std::string(what) + " has " + std::to_string(n) + " characters";
    message += ok ? " (" + range + " is best)"
                  : (n < best_min ? ": too short, " : ": too long, ") + range + " is best";
    return {std::move(check), ok, std::move(message)};
}

}  // namespace

TermCounts distribution_terms(const Distribution& d) {
    TermCounts terms;
    add_terms(d.title, kTitleWeight, d.language, terms);
    for (const auto& group : d.target_group)
        add_terms(group, kTargetGroupWeight, d.language, terms);
    add_terms(d.description, kTextWeight, d.language, terms);
    for (const auto& m : d.outline.modules) {
        add_terms(m.title, kTextWeight, d.language, terms);
        add_terms(m.description, kTextWeight, d.language, terms);
    }
    for (const auto& outcome : d.outline.learning_outcomes)
        add_terms(outcome, kTextWeight, d.language, terms);
    return terms;
}

std::vector<KeywordScore> rank_keywords(
    const TermCounts& terms, std::int64_t documents,
    const std::function<std::int64_t(std::string_view)>& document_frequency, std::size_t limit) {
    std::vector<KeywordScore> ranked;
    ranked.reserve(terms.size());
    for (const auto& [term, count] : terms) {
        const auto frequency = std::max<std::int64_t>(document_frequency(term), 1);
        const double idf = std::log(static_cast<double>(std::max(documents, frequency) + 1) /
                                    static_cast<double>(frequency + 1));
        ranked.push_back({term, std::round(count * idf * 10'000) / 10'000});
    }
    auto better = [](const KeywordScore& a, const KeywordScore& b) {
        if (a.score != b.score) return a.score > b.score;
        const auto wa = word_count(a.keyword), wb = word_count(b.keyword);
        if (wa != wb) return wa < wb;
        return a.keyword < b.keyword;
    };
    const auto kept = std::min(limit, ranked.size());
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(kept),
                      ranked.end(), better);
    ranked.resize(kept);
    return ranked;
}

std::string first_keyword(const Distribution& d, const std::vector<KeywordScore>& suggestions) {
    if (!d.seo.keywords.empty()) return d.seo.keywords.front();
    return suggestions.empty() ? std::string() : suggestions.front().keyword;
}

std::string keyword_key(std::string_view keyword) {
    auto folded = fold_case(keyword);
    const auto first = folded.find_first_not_of(" \t\n\r");
    if (first == std::string::npos) return {};
    const auto last = folded.find_last_not_of(" \t\n\r");
    return folded.substr(first, last - first + 1);
}

std::vector<SeoCheck> seo_checks(const Distribution& d, std::string_view keyword,
                                 const CatalogOverlap& overlap) {
    std::vector<SeoCheck> checks;
    checks.push_back(length_check("meta_title_length", "the meta title", d.seo.meta_title, 50, 60));
    checks.push_back(length_check("meta_description_length", "the meta description",
                                  d.seo.meta_description, 120, 160));
    const std::string quoted = "'" + std::string(keyword) + "'";
    auto keyword_check = [&](std::string check, std::string_view where, bool found) {
        if (keyword.empty())
            return SeoCheck{std::move(check), false, "no keyword: set seo.keywords"};
        return SeoCheck{
            std::move(check), found,
            "the keyword " + quoted + (found ? " is in " : " is not in ") + std::string(where)};
    };
    checks.push_back(
        keyword_check("keyword_in_title", "the title", contains_folded(d.title, keyword)));
    checks.push_back(keyword_check("keyword_in_description", "the description",
                                   contains_folded(d.description, keyword)));
    const auto keyword_slug = normalize_slug(keyword);
    checks.push_back(keyword_check(
        "keyword_in_slug", "the slug",
        !keyword_slug.empty() &&
            ("-" + d.slug + "-").find("-" + keyword_slug + "-") != std::string::npos));
    checks.push_back(
        overlap.same_meta_title.empty()
            ? SeoCheck{"duplicate_meta_title", true, "no other distribution has this meta title"}
            : SeoCheck{"duplicate_meta_title", false,
                       "the same meta title as " + slugs_named(overlap.same_meta_title)});
    checks.push_back(overlap.same_first_keyword.empty()
                         ? SeoCheck{"keyword_cannibalization", true,
                                    "no other public distribution of this language has the "
                                    "first keyword " +
                                        quoted}
                         : SeoCheck{"keyword_cannibalization", false,
                                    "the first keyword " + quoted + " is also the first of " +
                                        slugs_named(overlap.same_first_keyword)});
    return checks;
}

}  // namespace coursedist::domain
