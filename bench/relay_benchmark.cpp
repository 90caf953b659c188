// Relay throughput (issue 3): events/s moved from the SQLite outbox to a real Redis stream,
// by pipeline depth (rows per round; 1 = one round trip per event). Starts its own redis-server.
// usage: build/bench/relay_benchmark [--benchmark_filter=…]

#include "domain/events.hpp"
#include "events/outbox_relay.hpp"
#include "service/metrics.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/redis_server.hpp"

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

namespace {

namespace json = boost::json;
using namespace coursedist;

constexpr int kEventsPerIteration = 5000;

void append_clicks(storage::Store& store, int count) {
    static long long next_id = 0;
    auto tx = store.begin_write();
    for (int i = 0; i < count; ++i) {
        auto id = "00000000-0000-4000-8000-" + std::to_string(100000000000 + next_id++);
        json::object payload{{"distribution_id", "dist_0123456789abcdef"},
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
        row.envelope_json = json::serialize(domain::to_json(envelope));
        row.created_at = 1'700'000'000;
        tx->append_outbox(row);
    }
    tx->commit();
}

void BM_RelayThroughput(benchmark::State& state) {
    coursedist::testing::RedisServer redis;
    coursedist::testing::TempDir dir;
    auto store = storage::open_sqlite_store((dir.path() / "bench.db").string(), 2);
    store->migrate();
    service::Metrics metrics;
    events::RelayOptions options;
    options.batch_size = static_cast<int>(state.range(0));
    events::OutboxRelay relay(*store, *events::parse_redis_uri(redis.uri()), metrics, options);

    std::int64_t published = 0;
    for (auto _ : state) {
        state.PauseTiming();
        append_clicks(*store, kEventsPerIteration);
        state.ResumeTiming();
        while (auto n = relay.publish_batch()) published += static_cast<std::int64_t>(n);
    }
    state.SetItemsProcessed(published);
    state.counters["events/s"] =
        benchmark::Counter(static_cast<double>(published), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RelayThroughput)
    ->ArgName("batch")
    ->Arg(1)
    ->Arg(50)
    ->Arg(500)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->MinTime(2);

}  // namespace
