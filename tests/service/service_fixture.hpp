#pragma once
// A DistributionService over a real SQLite store in a private directory, with a clock the test
// moves, and the outbox events its use cases committed, read back from the store.

#include "domain/requests.hpp"
#include "service/distribution_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace coursedist::service::testing {

// One committed outbox event, its envelope parsed.
struct CommittedEvent {
    std::string type;
    boost::json::object envelope;
    boost::json::object payload;
};

inline constexpr double kStart = 1'800'000'000.0;  // 2027-01-15T08:00:00Z

inline constexpr const char* kDescription =
    "Ein Kurs, der Schritt für Schritt erklärt, wie man mit wenig Geld sinnvoll spart.";

// A valid create request: German, no slug, SEO, CTA or outline (the service fills them in).
inline domain::CreateRequest create_request(std::string title = "Sparen für Einsteiger",
                                            std::string course_id = "course-1") {
    domain::CreateRequest request;
    request.course_id = std::move(course_id);
    request.language = "de";
    request.title = std::move(title);
    request.description = kDescription;
    return request;
}

inline domain::Outline three_modules() {
    domain::Outline outline;
    outline.modules = {domain::Module{"m1", "Grundlagen", "", 2, 20},
                       domain::Module{"m2", "Praxis", "Übungen", 3, 30},
                       domain::Module{"m3", "Ausblick", "", 1, 10}};
    outline.prerequisites = {"Neugier"};
    outline.learning_outcomes = {"Ein Budget aufstellen"};
    return outline;
}

// A JSON string member as text (gtest compares a json::value only with another json::value).
inline std::string text(const boost::json::value& v) {
    return std::string(v.as_string());
}

inline std::vector<std::string> strings_of(const boost::json::value& array) {
    std::vector<std::string> out;
    for (const auto& v : array.as_array()) out.emplace_back(v.as_string());
    return out;
}

class ServiceTest : public ::testing::Test {
  protected:
    explicit ServiceTest(ServiceOptions options = {})
        : store(storage::open_sqlite_store(dir.file("db.sqlite"), 2)),
          service((store->migrate(), *store), metrics, [this] { return now; }, options) {}

    // The events committed since the previous call (all of them at the first call).
    std::vector<CommittedEvent> new_events() {
        auto tx = store->begin_read();
        std::vector<CommittedEvent> events;
        for (const auto& row : tx->outbox_after(seen_seq_, 10'000)) {
            seen_seq_ = row.seq;
            auto envelope = boost::json::parse(row.envelope_json).as_object();
            auto payload = envelope.at("payload").as_object();
            events.push_back({row.event_type, std::move(envelope), std::move(payload)});
        }
        return events;
    }

    std::vector<std::string> new_event_types() {
        std::vector<std::string> types;
        for (const auto& e : new_events()) types.push_back(e.type);
        return types;
    }

    domain::Distribution create(std::string title = "Sparen für Einsteiger",
                                std::string course_id = "course-1") {
        return service.create(create_request(std::move(title), std::move(course_id)), ctx);
    }

    domain::Distribution create_with_slug(const std::string& slug) {
        auto request = create_request("Kurs mit dem Slug " + slug, "course-" + slug);
        request.slug = slug;
        return service.create(request, ctx);
    }

    domain::Distribution create_published(const std::string& slug) {
        auto d = create_with_slug(slug);
        service.publish(d.distribution_id, ctx);
        return service.get(d.distribution_id);
    }

    // The admin listing, any visibility.
    std::vector<domain::Distribution> all_distributions() {
        ListRequest request;
        request.catalog = false;
        request.limit = 100;
        return service.list(request).items;
    }

    storage::testing::TempDir dir;
    double now = kStart;
    std::unique_ptr<storage::Store> store;
    Metrics metrics;
    DistributionService service;
    RequestContext ctx{std::string("req-1"), "admin"};

  private:
    std::int64_t seen_seq_ = 0;
};

}  // namespace coursedist::service::testing
