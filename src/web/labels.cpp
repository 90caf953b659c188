#include "web/labels.hpp"

#include <array>
#include <utility>

namespace coursedist::web {

namespace {

struct Label {
    const char* key;
    const char* german;
    const char* english;
};

constexpr std::array kLabels{
    Label{"site_name", "Kurse", "Courses"},
    Label{"all_courses", "Alle Kurse", "All courses"},
    Label{"chapters", "Kapitel", "Chapters"},
    Label{"duration", "Dauer", "Duration"},
    Label{"language", "Sprache", "Language"},
    Label{"version", "Version", "Version"},
    Label{"target_groups", "Für wen ist der Kurs?", "Who is this course for?"},
    Label{"outline", "Kursinhalt", "Course outline"},
    Label{"learning_outcomes", "Das lernen Sie", "What you will learn"},
    Label{"prerequisites", "Voraussetzungen", "Prerequisites"},
    Label{"ready", "Bereit loszulegen?", "Ready to start?"},
    Label{"catalog_title", "Alle Kurse", "All courses"},
    Label{"catalog_description", "Alle öffentlichen Kurse im Überblick.",
          "Browse all public courses."},
    Label{"filter_language", "Nach Sprache filtern", "Filter by language"},
    Label{"all_languages", "Alle Sprachen", "All languages"},
    Label{"no_courses", "Hier gibt es noch keine Kurse.", "There are no courses here yet."},
    Label{"pages", "Seiten", "Pages"},
    Label{"first_page", "← Erste Seite", "← First page"},
    Label{"next_page", "Weitere Kurse →", "More courses →"},
    Label{"not_found_title", "Kurs nicht gefunden", "Course not found"},
    Label{"not_found_text",
          "Diese Seite gibt es nicht (mehr). Vielleicht finden Sie Ihren Kurs im "
          "Katalog.",
          "This page does not exist (any more). You may find your course in the catalog."},
    Label{"gone_title", "Kurs entfernt", "Course removed"},
    Label{"gone_text",
          "Dieser Kurs wurde entfernt. Vielleicht finden Sie einen anderen im Katalog.",
          "This course has been removed. You may find another one in the catalog."},
};

struct LanguageName {
    const char* code;
    const char* german;
    const char* english;
};

constexpr std::array kLanguageNames{
    LanguageName{"de", "Deutsch", "German"},      LanguageName{"en", "Englisch", "English"},
    LanguageName{"fr", "Französisch", "French"},  LanguageName{"es", "Spanisch", "Spanish"},
    LanguageName{"it", "Italienisch", "Italian"}, LanguageName{"nl", "Niederländisch", "Dutch"},
    LanguageName{"pl", "Polnisch", "Polish"},     LanguageName{"pt", "Portugiesisch", "Portuguese"},
    LanguageName{"tr", "Türkisch", "Turkish"},
};

const char* pick(bool german, const char* de, const char* en) {
    return german ? de : en;
}

}  // namespace

const kainjow::mustache::data& labels(bool german) {
    // Built once per language: every page copies them into its data.
    static const auto build = [](bool in_german) {
        kainjow::mustache::data t;
        for (const auto& entry : kLabels)
            t[entry.key] = pick(in_german, entry.german, entry.english);
        return t;
    };
    static const kainjow::mustache::data german_labels = build(true);
    static const kainjow::mustache::data english_labels = build(false);
    return german ? german_labels : english_labels;
}

std::string label(std::string_view key, bool german) {
    for (const auto& entry : kLabels)
        if (key == entry.key) return pick(german, entry.german, entry.english);
    return std::string(key);
}

std::string comma_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
}

std::string language_name(std::string_view language, bool german) {
    const auto base = language.substr(0, language.find('-'));
    for (const auto& name : kLanguageNames) {
        if (base != name.code) continue;
        std::string out = pick(german, name.german, name.english);
        if (base.size() < language.size()) out += " (" + std::string(language.substr(3)) + ")";
        return out;
    }
    return std::string(language);
}

std::string format_count(std::int64_t count, bool german) {
    const bool negative = count < 0;
    auto digits = std::to_string(negative ? -count : count);
    const char separator = german ? '.' : ',';
    for (auto at = static_cast<long>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), 1, separator);
    return negative ? "-" + digits : digits;
}

std::string format_duration(std::int64_t minutes, bool german) {
    const auto hours = minutes / 60;
    const auto rest = minutes % 60;
    const std::string h = pick(german, " Std.", " h");
    const std::string min = pick(german, " Min.", " min");
    if (hours == 0) return std::to_string(rest) + min;
    if (rest == 0) return std::to_string(hours) + h;
    return std::to_string(hours) + h + " " + std::to_string(rest) + min;
}

std::string format_counters(std::int64_t views, std::int64_t enrollments, bool german) {
    auto counted = [german](std::int64_t n, const char* one_de, const char* many_de,
                            const char* one_en, const char* many_en) {
        return format_count(n, german) + " " +
               (n == 1 ? pick(german, one_de, one_en) : pick(german, many_de, many_en));
    };
    return counted(views, "Aufruf", "Aufrufe", "view", "views") + " · " +
           counted(enrollments, "Anmeldung", "Anmeldungen", "enrollment", "enrollments");
}

std::string format_chapters_and_duration(std::int64_t chapters, std::int64_t minutes, bool german) {
    std::string out = std::to_string(chapters) + " " +
                      (german ? "Kapitel" : (chapters == 1 ? "chapter" : "chapters"));
    if (minutes > 0) out += " · " + format_duration(minutes, german);
    return out;
}

}  // namespace coursedist::web
