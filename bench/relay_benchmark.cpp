// Relay throughput (issue 3): events/s moved from the SQLite outbox to a real Redis stream,
// by pipeline depth (rows per round; 1 = one round trip per event). Starts its own redis-server.
// usage: build/bench/relay_benchmark [--benchmark_filter=…]

#include "click_events.hpp"
#include "events/outbox_relay.hpp"
#include "service/metrics.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/redis_server.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace coursedist;

constexpr int kEventsPerIteration = 5000;

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
        bench::append_clicks(*store, kEventsPerIteration);
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
