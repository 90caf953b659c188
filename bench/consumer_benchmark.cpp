// Consumer (issue 4): course.generation.completed events/s applied from a real Redis stream into
// SQLite (decode, dedup row, distribution, outbox event, XACK), and the latency from XADD until
// the distribution is readable, p50/p99, with the consumer thread as the service runs it.
// Starts its own redis-server. usage: build/bench/consumer_benchmark [--benchmark_filter=…]

#include "events/stream_consumer.hpp"
#include "service/distribution_service.hpp"
#include "service/event_ingest.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/redis_server.hpp"

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>

namespace {

namespace json = boost::json;
using namespace coursedist;

constexpr int kEventsPerIteration = 1000;

std::vector<std::string> completed_event(long long n) {
    auto course = "course-" + std::to_string(n);
    json::object payload{
        {"course_id", course},
        {"title", "Benchmark course number " + std::to_string(n)},
        {"description", "A generated course used to measure how fast the consumer applies events."},
        {"language", "en"},
        {"target_audiences", json::array{"beginners"}},
        {"modules",
         json::array{json::object{{"id", "m1"}, {"title", "Start"}, {"chapter_count", 3}}}}};
    return {"XADD",
            std::string(domain::kEventStream),
            "*",
            "id",
            "00000000-0000-4000-8000-" + std::to_string(100000000000 + n),
            "type",
            "course.generation.completed",
            "source",
            "course_factory",
            "target",
            "",
            "payload",
            json::serialize(payload),
            "timestamp",
            "2026-11-27T10:00:00",
            "meta",
            R"({"schema_version": "1.0"})"};
}

struct Fixture {
    coursedist::testing::RedisServer redis;
    coursedist::testing::TempDir dir;
    std::unique_ptr<storage::Store> store =
        storage::open_sqlite_store((dir.path() / "bench.db").string(), 2);
    service::Metrics metrics;
    service::DistributionService service{(store->migrate(), *store), metrics};
    service::EventIngest ingest{service};
    events::RedisConnection producer{*events::parse_redis_uri(redis.uri()),
                                     std::chrono::milliseconds(5000)};
    events::StreamConsumer consumer{ingest, *events::parse_redis_uri(redis.uri()), metrics};
};

void BM_ConsumerThroughput(benchmark::State& state) {
    Fixture f;
    long long next = 0;
    std::int64_t applied = 0;
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<std::vector<std::string>> batch;
        for (int i = 0; i < kEventsPerIteration; ++i) batch.push_back(completed_event(next++));
        f.producer.pipeline(batch);
        state.ResumeTiming();
        std::int64_t handled = 0;
        while (handled < kEventsPerIteration)
            handled += static_cast<std::int64_t>(f.consumer.poll_once());
        applied += handled;
    }
    state.SetItemsProcessed(applied);
    state.counters["events/s"] =
        benchmark::Counter(static_cast<double>(applied), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ConsumerThroughput)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3);

void BM_XaddToReadable(benchmark::State& state) {
    Fixture f;
    f.consumer.start();
    long long next = 1'000'000;
    std::vector<double> latencies;
    for (auto _ : state) {
        auto n = next++;
        auto course = "course-" + std::to_string(n);
        auto started = std::chrono::steady_clock::now();
        f.producer.command(completed_event(n));
        while (!f.store->begin_read()->find_original(course))
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        latencies.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count());
    }
    f.consumer.stop();
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) {
        return latencies[std::min(
            latencies.size() - 1,
            static_cast<std::size_t>(p * static_cast<double>(latencies.size())))];
    };
    state.counters["p50_ms"] = percentile(0.50);
    state.counters["p99_ms"] = percentile(0.99);
}
BENCHMARK(BM_XaddToReadable)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(500);

}  // namespace
