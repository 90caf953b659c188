#pragma once
// Outbox rows for the event benchmarks (relay_benchmark.cpp, webhook_benchmark.cpp): `count`
// enrollment-click events committed in one transaction, with ids never used before in the
// process.

#include "domain/events.hpp"
#include "storage/store.hpp"

#include <boost/json.hpp>

#include <string>

namespace coursedist::bench {

inline void append_clicks(storage::Store& store, int count) {
    static long long next_id = 0;  // the benchmarks run one at a time
    auto tx = store.begin_write();
    for (int i = 0; i < count; ++i) {
        auto id = "00000000-0000-4000-8000-" + std::to_string(100000000000 + next_id++);
        boost::json::object payload{{"distribution_id", "dist_0123456789abcdef"},
                                    {"slug", "event-sourcing-for-course-builders"},
                                    {"enrollment_count", next_id},
                                    {"clicked_at", domain::iso8601_utc(1'700'000'000)},
                                    {"cta_type", "hero_button"}};
        auto envelope =
            domain::make_envelope(domain::event_type::kEnrollmentClicked, std::move(payload), id,
                                  1'700'000'000, std::string("req-0123456789"));
        storage::OutboxEvent row;
        row.event_id = id;
        row.event_type = envelope.type;
        row.envelope_json = boost::json::serialize(domain::to_json(envelope));
        row.created_at = 1'700'000'000;
        tx->append_outbox(row);
    }
    tx->commit();
}

}  // namespace coursedist::bench
