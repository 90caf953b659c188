// Embedded mode's event log retention against a real SQLite store: events older than the
// retention go, newer ones stay, and the thread does it by itself.

#include "service/event_log_retention.hpp"

#include "service/distribution_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

using coursedist::testing::eventually;
using namespace std::chrono_literals;

class EventLogRetentionTest : public ::testing::Test {
  protected:
    EventLogRetentionTest() : store(storage::open_sqlite_store(dir.file("db.sqlite"), 2)) {
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

    std::vector<storage::OutboxEvent> log() { return store->begin_read()->outbox_after(0, 10'000); }

    storage::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    Metrics metrics;
    int next_ = 0;
};

TEST_F(EventLogRetentionTest, DeletesOnlyWhatIsOlderThanTheRetentionInManyTransactions) {
    append(2500, 3 * 86400.0);  // more than one transaction's worth
    append(3, 60.0);
    EventLogRetention retention(*store, metrics, std::chrono::hours(24));
    EXPECT_EQ(retention.prune(), 2500);
    const auto left = log();
    ASSERT_EQ(left.size(), 3u);
    EXPECT_EQ(left[0].event_id, "event-2500");
    EXPECT_EQ(retention.prune(), 0);
    EXPECT_NE(metrics.render().find("coursedist_event_log_pruned_total 2500"), std::string::npos);
}

TEST_F(EventLogRetentionTest, TheThreadPrunesByItselfAndStops) {
    append(5, 3 * 86400.0);
    EventLogRetention retention(*store, metrics, std::chrono::hours(24));
    retention.start();
    EXPECT_TRUE(eventually([&] { return log().empty(); }));
    retention.stop();
}

}  // namespace
}  // namespace coursedist::service
