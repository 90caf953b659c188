// The outbox relay against a real redis-server and a SQLite outbox (issue 3): order, wire format,
// marking, retry while Redis is away (run by the outbox keeper's thread), wake-up, pruning.

#include "events/outbox_relay.hpp"

#include "domain/events.hpp"
#include "service/metrics.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/redis_server.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <chrono>
#include <thread>

namespace coursedist::events {
namespace {

namespace json = boost::json;
using testing::RedisClient;
using testing::RedisServer;

constexpr auto kDeadline = std::chrono::seconds(30);

class OutboxRelayTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (!RedisServer::installed()) GTEST_SKIP() << "redis-server is not installed";
        redis_ = std::make_unique<RedisServer>();
        store_ = storage::open_sqlite_store((dir_.path() / "relay.db").string(), 2);
        store_->migrate();
    }

    RelayOptions options() {
        RelayOptions o;
        o.stream = "test:events";
        return o;
    }

    service::OutboxKeeperOptions keeper_options() {
        service::OutboxKeeperOptions o;
        o.backoff =
            background::Backoff(std::chrono::milliseconds(20), std::chrono::milliseconds(200));
        return o;
    }

    std::unique_ptr<OutboxRelay> relay(RelayOptions o) {
        return std::make_unique<OutboxRelay>(*store_, *parse_redis_uri(redis_->uri()), metrics_,
                                             std::move(o));
    }

    // The keeper relaying through a relay with these options; `relay` is set to it.
    std::unique_ptr<service::OutboxKeeper> keeper(service::OutboxKeeperOptions k,
                                                  OutboxRelay** relay_out = nullptr) {
        auto r = relay(options());
        if (relay_out) *relay_out = r.get();
        return std::make_unique<service::OutboxKeeper>(*store_, metrics_, std::move(r), k);
    }

    // Appends `count` enrollment_clicked events with enrollment_count 1..count; returns their ids.
    std::vector<std::string> append_events(int count) {
        std::vector<std::string> ids;
        auto tx = store_->begin_write();
        for (int i = 1; i <= count; ++i) {
            auto id = "00000000-0000-4000-8000-" + std::to_string(100000000000 + next_id_++);
            auto envelope = domain::make_envelope(
                domain::event_type::kEnrollmentClicked,
                json::object{{"distribution_id", "dist_1"}, {"enrollment_count", i}}, id,
                1'700'000'000 + i, std::nullopt);
            storage::OutboxEvent row;
            row.event_id = id;
            row.event_type = envelope.type;
            row.envelope_json = json::serialize(domain::to_json(envelope));
            row.created_at = 1'700'000'000 + i;
            tx->append_outbox(row);
            ids.push_back(id);
        }
        tx->commit();
        return ids;
    }

    std::int64_t backlog() { return store_->begin_read()->outbox_backlog(); }

    std::vector<std::string> stream_ids() {
        std::vector<std::string> ids;
        for (const auto& entry : RedisClient(redis_->port()).xrange("test:events"))
            ids.push_back(entry.field("id").value_or("?"));
        return ids;
    }

    bool eventually(const std::function<bool()>& condition) {
        auto deadline = std::chrono::steady_clock::now() + kDeadline;
        while (std::chrono::steady_clock::now() < deadline) {
            if (condition()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return condition();
    }

    testing::TempDir dir_;
    std::unique_ptr<RedisServer> redis_;
    std::unique_ptr<storage::Store> store_;
    service::Metrics metrics_;
    int next_id_ = 0;
};

TEST_F(OutboxRelayTest, PublishesInSeqOrderInTheWireFormatAndMarksPublished) {
    auto ids = append_events(7);
    auto r = relay(options());
    EXPECT_EQ(r->publish_batch(), 7u);
    EXPECT_EQ(stream_ids(), ids);
    EXPECT_EQ(backlog(), 0);
    EXPECT_EQ(r->publish_batch(), 0u);

    auto entry = RedisClient(redis_->port()).xrange("test:events").front();
    EXPECT_EQ(entry.field("target"), "");
    EXPECT_EQ(entry.field("source"), "course_distribution");
    EXPECT_FALSE(entry.field("correlation_id"));  // null keys are left out
    auto payload = json::parse(*entry.field("payload")).as_object();
    EXPECT_EQ(payload.at("enrollment_count").as_int64(), 1);
    EXPECT_NE(metrics_.render().find("coursedist_events_published_total 7"), std::string::npos);
}

TEST_F(OutboxRelayTest, PublishesLargeBacklogsInBatches) {
    auto ids = append_events(1200);
    auto o = options();
    o.batch_size = 500;
    auto r = relay(o);
    EXPECT_EQ(r->publish_batch(), 500u);
    EXPECT_EQ(r->publish_batch(), 500u);
    EXPECT_EQ(r->publish_batch(), 200u);
    EXPECT_EQ(stream_ids(), ids);
}

TEST_F(OutboxRelayTest, KeepsRowsWhileRedisIsDownAndDeliversThemAfterwards) {
    redis_->stop();
    auto ids = append_events(3);
    auto r = relay(options());
    EXPECT_THROW(r->publish_batch(), RedisUnavailable);
    EXPECT_EQ(backlog(), 3);
    redis_->start();
    EXPECT_EQ(r->publish_batch(), 3u);
    EXPECT_EQ(stream_ids(), ids);
}

TEST_F(OutboxRelayTest, TheKeeperRetriesAndReportsRedisState) {
    auto k = keeper(keeper_options());
    k->start();
    ASSERT_TRUE(eventually([&] { return k->publisher_state() == "ok"; }));

    redis_->stop();
    auto ids = append_events(5);
    k->wake();
    ASSERT_TRUE(eventually([&] { return k->publisher_state().starts_with("unavailable: "); }));
    EXPECT_EQ(backlog(), 5);

    redis_->start();
    ASSERT_TRUE(eventually([&] { return backlog() == 0; }));
    EXPECT_EQ(stream_ids(), ids);
    EXPECT_EQ(k->publisher_state(), "ok");
    EXPECT_EQ(metrics_.render().find("coursedist_relay_errors_total 0\n"), std::string::npos);
    k->stop();
}

TEST_F(OutboxRelayTest, AWakeBringsRowsOutBeforeThePoll) {
    auto o = keeper_options();
    o.poll_interval = std::chrono::hours(1);  // only wake() can bring the events out
    auto k = keeper(o);
    k->start();
    ASSERT_TRUE(eventually([&] { return k->publisher_state() == "ok"; }));
    auto ids = append_events(2);
    k->wake();
    ASSERT_TRUE(eventually([&] { return stream_ids().size() == 2; }));
    EXPECT_EQ(stream_ids(), ids);
    k->stop();  // joins promptly although the poll interval is an hour
}

TEST_F(OutboxRelayTest, TrimsTheStreamApproximatelyToMaxlen) {
    append_events(2000);
    auto o = options();
    o.stream_maxlen = 100;
    auto r = relay(o);
    while (r->publish_batch() > 0) {
    }
    EXPECT_LT(RedisClient(redis_->port()).xlen("test:events"), 2000);
}

// With Redis, the keeper prunes published rows only.
TEST_F(OutboxRelayTest, PrunesPublishedRowsOlderThanTheRetention) {
    append_events(4);
    auto o = keeper_options();
    o.retention = std::chrono::seconds(0);
    OutboxRelay* r = nullptr;
    auto k = keeper(o, &r);
    EXPECT_EQ(k->prune(), 0);  // nothing published yet: unpublished rows are never pruned
    r->publish_batch();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(k->prune(), 4);
    EXPECT_TRUE(store_->begin_read()->outbox_after(0, 10).empty());
}

TEST_F(OutboxRelayTest, ExportsTheBacklogGauge) {
    append_events(3);
    auto r = relay(options());
    EXPECT_NE(metrics_.render().find("coursedist_outbox_backlog 3"), std::string::npos);
}

}  // namespace
}  // namespace coursedist::events
