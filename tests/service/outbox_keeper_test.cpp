// The outbox keeper in embedded mode (no publisher: the outbox is the event log) against a real
// SQLite store: events older than the retention go, newer ones stay, and the thread does it by
// itself. With Redis: tests/events/outbox_relay_test.cpp.

#include "service/outbox_keeper.hpp"

#include "service/distribution_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

using coursedist::testing::eventually;
using namespace std::chrono_literals;

class OutboxKeeperTest : public ::testing::Test {
  protected:
    OutboxKeeperTest() : store(storage::open_sqlite_store(dir.file("db.sqlite"), 2)) {
        store->migrate();
    }

    // `count` events created `age_seconds` ago.
    void append(int count, double age_seconds) {
        auto tx = store->begin_write();
        for (int i = 0; i < count; ++i) {
            storage::OutboxEvent e;
            e.event_id = "event-" + std::to_string(next_++);
            e.event_type = "distribution.viewed";
            e.envelope_json = "{}";
            e.created_at = system_clock_now() - age_seconds;
            tx->append_outbox(e);
        }
        tx->commit();
    }

    static OutboxKeeperOptions kept_for(std::chrono::seconds retention) {
        OutboxKeeperOptions options;
        options.retention = retention;
        return options;
    }

    std::vector<storage::OutboxEvent> log() { return store->begin_read()->outbox_after(0, 10'000); }

    storage::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    Metrics metrics;
    int next_ = 0;
};

TEST_F(OutboxKeeperTest, DeletesOnlyWhatIsOlderThanTheRetentionInManyTransactions) {
    append(2500, 3 * 86400.0);  // more than one transaction's worth
    append(3, 60.0);
    OutboxKeeper retention(*store, metrics, nullptr, kept_for(std::chrono::hours(24)));
    EXPECT_EQ(retention.prune(), 2500);
    const auto left = log();
    ASSERT_EQ(left.size(), 3u);
    EXPECT_EQ(left[0].event_id, "event-2500");
    EXPECT_EQ(retention.prune(), 0);
    EXPECT_NE(metrics.render().find("coursedist_event_log_pruned_total 2500"), std::string::npos);
}

TEST_F(OutboxKeeperTest, TheThreadPrunesByItselfAndStops) {
    append(5, 3 * 86400.0);
    OutboxKeeper retention(*store, metrics, nullptr, kept_for(std::chrono::hours(24)));
    retention.start();
    EXPECT_TRUE(eventually([&] { return log().empty(); }));
    retention.stop();
}

TEST_F(OutboxKeeperTest, WithoutARetentionEverythingStays) {
    append(5, 3 * 86400.0);
    OutboxKeeper keeper(*store, metrics, nullptr, OutboxKeeperOptions{});
    EXPECT_EQ(keeper.prune(), 0);
    EXPECT_EQ(log().size(), 5u);
    EXPECT_EQ(keeper.publisher_state(), "disabled");
}

}  // namespace
}  // namespace coursedist::service
