#include "support/brain_events.hpp"

#include <atomic>
#include <cstdio>

namespace coursedist::testing {

namespace json = boost::json;

namespace {
constexpr const char* kDescription =
    "Ein Kurs über Größen und Übermaße, der Anfängern Schritt für Schritt alles erklärt.";
}  // namespace

std::string new_event_id() {
    // Atomic: tests publish from several threads.
    static std::atomic<int> counter{0};
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "6f1c1c52-7a4b-4d1e-9a57-%012d", ++counter);
    return buffer;
}

json::object generation_payload(const std::string& course_id, const std::string& title) {
    return {{"course_id", course_id},
            {"title", title},
            {"description", kDescription},
            {"language", "de"},
            {"target_audiences", json::array{"anfaenger"}},
            {"modules", json::array{json::object{{"id", "m1"},
                                                 {"title", "Grundlagen"},
                                                 {"chapters", json::array{1, 2}},
                                                 {"duration_minutes", 40}}}},
            {"generator_version", "extra fields are ignored"}};
}

StreamFields brain_event(const std::string& type, const json::object& payload) {
    return {{"id", new_event_id()},
            {"type", type},
            {"source", "course_factory"},
            {"target", ""},
            {"payload", json::serialize(payload)},
            {"timestamp", "2026-11-27T10:15:00.123456"},
            {"meta", R"({"schema_version": "1.0", "producer": "course_factory"})"}};
}

}  // namespace coursedist::testing
