// Webhook delivery throughput (issue 17): events/s moved from the SQLite outbox to a local
// receiver (support/webhook_receiver.hpp, plain http on 127.0.0.1, one request per connection)
// by one dispatcher round after another, each attempt signed, sent, logged and its position
// committed, as the service does; with SQLite synced at every commit (the default) and not, and
// with delivered attempts committed one by one or in the service's groups (50 or 1 s).
// usage: build/bench/webhook_benchmark [--benchmark_filter=…]

#include "click_events.hpp"
#include "domain/webhook_signature.hpp"
#include "events/webhook_client.hpp"
#include "service/metrics.hpp"
#include "service/webhook_dispatcher.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/service_process.hpp"
#include "support/webhook_receiver.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace coursedist;

constexpr int kEventsPerIteration = 1000;

void BM_DeliverToLocalReceiver(benchmark::State& state) {
    testing::TempDir dir;
    storage::SqliteOptions sqlite;
    sqlite.synchronous =
        state.range(0) ? storage::SqliteSynchronous::Full : storage::SqliteSynchronous::Normal;
    auto store = storage::open_sqlite_store((dir.path() / "bench.db").string(), sqlite);
    store->migrate();
    testing::WebhookReceiver receiver;
    domain::Webhook webhook;
    webhook.webhook_id = "wh_0123456789abcdef";
    webhook.url = receiver.url();
    webhook.events = {"*"};
    webhook.secret = domain::new_webhook_secret();
    {
        auto tx = store->begin_write();
        tx->insert_webhook(webhook);
        tx->commit();
    }
    service::Metrics metrics;
    events::WebhookClient client({.allow_private = true});
    service::WebhookDispatcherOptions options;
    options.deliveries_per_commit = static_cast<int>(state.range(1));
    service::WebhookDispatcher dispatcher(*store, metrics, client, options);
    for (auto _ : state) {
        state.PauseTiming();
        bench::append_clicks(*store, kEventsPerIteration);
        state.ResumeTiming();
        while (dispatcher.dispatch_once()) {
        }
    }
    state.SetItemsProcessed(state.iterations() * kEventsPerIteration);
    if (static_cast<long long>(receiver.received().size()) !=
        state.iterations() * kEventsPerIteration)
        state.SkipWithError("not every event arrived");
}
// Arguments: sync_full 1 = synchronous=FULL (the default), 0 = NORMAL; group = delivered
// attempts per commit (50: the service's default; 1: a commit, and with FULL a sync, each).
BENCHMARK(BM_DeliverToLocalReceiver)
    ->ArgNames({"sync_full", "group"})
    ->Args({1, 50})
    ->Args({1, 1})
    ->Args({0, 50})
    ->Args({0, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
