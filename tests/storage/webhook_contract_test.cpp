// The contract of the webhook tables (issue 17, spec/webhooks.md): subscriptions, each one's
// place in the outbox and the claim that lets one instance only make an attempt, the delivery
// log, queued redeliveries, and the outbox pruning that keeps what an active webhook still needs.
// Run by every backend with the rest of StoreContractTest.

#include "store_contract.hpp"

#include <gmock/gmock.h>

namespace coursedist::storage::testing {
namespace {

using ::testing::ElementsAre;

constexpr double kNow = 1'800'000'000;

domain::Webhook webhook(const std::string& id, std::vector<std::string> events = {"*"}) {
    domain::Webhook w;
    w.webhook_id = id;
    w.url = "https://hooks.example.com/" + id;
    w.events = std::move(events);
    w.description = "for " + id;
    w.secret = "whsec_" + std::string(43, 'A') + "=";
    w.created_at = kNow - 100;
    w.updated_at = kNow - 100;
    return w;
}

OutboxEvent event(int n, double created_at = kNow - 50) {
    OutboxEvent e;
    e.event_id = "10000000-0000-4000-8000-" + std::to_string(100000000000 + n);
    e.event_type = n % 2 ? "distribution.created" : "distribution.viewed";
    e.envelope_json = R"({"id":")" + e.event_id + R"("})";
    e.created_at = created_at;
    return e;
}

std::int64_t append(Store& store, int n, double created_at = kNow - 50) {
    auto tx = store.begin_write();
    auto seq = tx->append_outbox(event(n, created_at));
    tx->commit();
    return seq;
}

void insert(Store& store, const domain::Webhook& w) {
    auto tx = store.begin_write();
    tx->insert_webhook(w);
    tx->commit();
}

std::optional<ClaimedWebhook> claim(Store& store, double now, double lease_until,
                                    const std::string& token) {
    auto tx = store.begin_write();
    auto claimed = tx->claim_due_webhook(now, lease_until, token);
    tx->commit();
    return claimed;
}

bool save(Store& store, const std::string& id, const std::string& token,
          const WebhookProgress& progress, std::optional<double> lease_until,
          bool deactivate = false) {
    auto tx = store.begin_write();
    const bool saved = tx->save_webhook_progress(id, token, progress, lease_until, deactivate);
    tx->commit();
    return saved;
}

DeliveryAttempt attempt(std::int64_t seq, int number, std::string status, double at) {
    DeliveryAttempt a;
    a.webhook_id = "wh_a";
    a.seq = seq;
    a.event_id = event(static_cast<int>(seq)).event_id;
    a.event_type = "distribution.created";
    a.attempt = number;
    a.status = std::move(status);
    a.response_status = 500;
    a.error = "answered 500";
    a.duration_ms = 12;
    a.attempted_at = at;
    a.next_attempt_at = at + 5;
    a.response_excerpt = "oops";
    return a;
}

TEST_P(StoreContractTest, WebhooksRoundTripEveryFieldAndAreListedOldestFirst) {
    auto a = webhook("wh_a", {"distribution.created", "distribution.published"});
    a.previous_secret = "whsec_" + std::string(43, 'B') + "=";
    a.previous_secret_until = kNow + 86400;
    auto b = webhook("wh_b");
    b.description.reset();
    b.created_at = kNow;
    {
        auto tx = store_->begin_write();
        tx->insert_webhook(b);
        tx->insert_webhook(a);
        tx->commit();
    }
    auto tx = store_->begin_read();
    EXPECT_EQ(tx->find_webhook("wh_a"), a);
    EXPECT_EQ(tx->find_webhook("wh_b"), b);
    EXPECT_EQ(tx->find_webhook("wh_none"), std::nullopt);
    EXPECT_THAT(tx->list_webhooks(), ElementsAre(a, b));
}

TEST_P(StoreContractTest, WebhookUpdateAndRemove) {
    {
        auto tx = store_->begin_write();
        tx->insert_webhook(webhook("wh_a"));
        tx->commit();
    }
    auto changed = webhook("wh_a", {"distribution.deleted"});
    changed.url = "https://other.example.com/";
    changed.active = false;
    changed.updated_at = kNow;
    auto tx = store_->begin_write();
    EXPECT_TRUE(tx->update_webhook(changed));
    EXPECT_FALSE(tx->update_webhook(webhook("wh_none")));
    EXPECT_EQ(tx->find_webhook("wh_a"), changed);
    EXPECT_TRUE(tx->remove_webhook("wh_a"));
    EXPECT_FALSE(tx->remove_webhook("wh_a"));
    EXPECT_EQ(tx->find_webhook("wh_a"), std::nullopt);
    tx->commit();
}

TEST_P(StoreContractTest, ANewWebhookStartsAfterTheLastCommittedEvent) {
    append(*store_, 1);
    const auto second = append(*store_, 2);
    insert(*store_, webhook("wh_a"));
    EXPECT_FALSE(store_->begin_read()->webhook_due(kNow));
    EXPECT_EQ(claim(*store_, kNow, kNow + 20, "t1"), std::nullopt);

    const auto third = append(*store_, 3);
    EXPECT_TRUE(store_->begin_read()->webhook_due(kNow));
    auto claimed = claim(*store_, kNow, kNow + 20, "t1");
    ASSERT_TRUE(claimed);
    EXPECT_EQ(claimed->webhook.webhook_id, "wh_a");
    EXPECT_EQ(claimed->progress, (WebhookProgress{second, 0, {}, {}, 0}));
    const auto events = store_->begin_read()->outbox_after(claimed->progress.position, 10);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].seq, third);
}

TEST_P(StoreContractTest, AClaimedWebhookIsNotClaimedAgainUntilItsLeaseRunsOut) {
    insert(*store_, webhook("wh_a"));
    const auto seq = append(*store_, 1);
    ASSERT_TRUE(claim(*store_, kNow, kNow + 20, "first"));
    EXPECT_FALSE(store_->begin_read()->webhook_due(kNow + 1));
    EXPECT_EQ(claim(*store_, kNow + 1, kNow + 21, "second"), std::nullopt);

    // The first holder saves while its claim stands, and keeps it.
    const WebhookProgress retrying{0, 1, kNow, kNow + 5, 0};
    EXPECT_TRUE(save(*store_, "wh_a", "first", retrying, kNow + 25));
    EXPECT_EQ(claim(*store_, kNow + 24, kNow + 44, "second"), std::nullopt);

    // Once the lease ran out another takes it over; the first's saves are refused from then on.
    auto taken = claim(*store_, kNow + 26, kNow + 46, "second");
    ASSERT_TRUE(taken);
    EXPECT_EQ(taken->progress, retrying);
    EXPECT_FALSE(save(*store_, "wh_a", "first", {seq, 0, {}, {}, 0}, std::nullopt));
    EXPECT_TRUE(save(*store_, "wh_a", "second", {seq, 0, {}, {}, 0}, std::nullopt));
    EXPECT_FALSE(store_->begin_read()->webhook_due(kNow + 27));  // released, nothing after seq
}

TEST_P(StoreContractTest, AWebhookRetryIsDueAtItsTimeAndADeactivatedWebhookNever) {
    insert(*store_, webhook("wh_a"));
    append(*store_, 1);
    ASSERT_TRUE(claim(*store_, kNow, kNow + 20, "t"));
    ASSERT_TRUE(save(*store_, "wh_a", "t", {0, 1, kNow, kNow + 30, 0}, std::nullopt));
    EXPECT_FALSE(store_->begin_read()->webhook_due(kNow + 29));
    EXPECT_TRUE(store_->begin_read()->webhook_due(kNow + 30));

    ASSERT_TRUE(claim(*store_, kNow + 30, kNow + 50, "u"));
    ASSERT_TRUE(save(*store_, "wh_a", "u", {0, 0, {}, {}, 20}, std::nullopt, true));
    EXPECT_FALSE(store_->begin_read()->find_webhook("wh_a")->active);
    EXPECT_FALSE(store_->begin_read()->webhook_due(kNow + 100));

    // Set active again: due again, with a new count of failures.
    auto again = *store_->begin_read()->find_webhook("wh_a");
    again.active = true;
    {
        auto tx = store_->begin_write();
        tx->update_webhook(again);
        tx->commit();
    }
    auto claimed = claim(*store_, kNow + 100, kNow + 120, "v");
    ASSERT_TRUE(claimed);
    EXPECT_EQ(claimed->progress.failures_in_row, 0);
}

TEST_P(StoreContractTest, TheWebhookDeliveryLogPagesNewestFirstAndIsPruned) {
    insert(*store_, webhook("wh_a"));
    std::vector<std::int64_t> ids;
    {
        auto tx = store_->begin_write();
        ids.push_back(tx->append_delivery(attempt(1, 1, "pending", kNow - 40 * 86400)));
        ids.push_back(tx->append_delivery(attempt(1, 2, "pending", kNow - 10)));
        auto delivered = attempt(1, 3, "delivered", kNow);
        delivered.response_status = 204;
        delivered.error.reset();
        delivered.next_attempt_at.reset();
        ids.push_back(tx->append_delivery(delivered));
        tx->commit();
    }
    ASSERT_LT(ids[0], ids[1]);
    ASSERT_LT(ids[1], ids[2]);
    auto tx = store_->begin_write();
    const auto page = tx->deliveries_of("wh_a", std::nullopt, 2);
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].delivery_id, ids[2]);
    EXPECT_EQ(page[0].status, "delivered");
    EXPECT_EQ(page[0].response_status, 204);
    EXPECT_EQ(page[0].error, std::nullopt);
    EXPECT_EQ(page[1].delivery_id, ids[1]);
    auto expected = attempt(1, 2, "pending", kNow - 10);
    expected.delivery_id = ids[1];
    EXPECT_EQ(page[1], expected);
    const auto rest = tx->deliveries_of("wh_a", page.back().delivery_id, 2);
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].delivery_id, ids[0]);
    EXPECT_EQ(tx->find_delivery("wh_a", ids[1]), expected);
    EXPECT_EQ(tx->find_delivery("wh_other", ids[1]), std::nullopt);

    EXPECT_EQ(tx->prune_deliveries(kNow - 30 * 86400), 1);
    EXPECT_EQ(tx->deliveries_of("wh_a", std::nullopt, 10).size(), 2u);
    // Deleting the webhook deletes its log.
    EXPECT_TRUE(tx->remove_webhook("wh_a"));
    EXPECT_EQ(tx->find_delivery("wh_a", ids[2]), std::nullopt);
    tx->commit();
}

TEST_P(StoreContractTest, AQueuedWebhookRedeliveryMakesItDueAndIsTakenInOrder) {
    const auto seq = append(*store_, 1);
    insert(*store_, webhook("wh_a"));
    EXPECT_FALSE(store_->begin_read()->webhook_due(kNow));
    const auto stored = store_->begin_read()->find_outbox(seq);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->event_id, event(1).event_id);
    EXPECT_EQ(store_->begin_read()->find_outbox(seq + 100), std::nullopt);
    {
        auto tx = store_->begin_write();
        tx->queue_redelivery("wh_a", {0, seq, stored->event_id, stored->event_type, "{\"a\":1}"});
        tx->queue_redelivery("wh_a", {0, seq, stored->event_id, stored->event_type, "{\"a\":2}"});
        tx->commit();
    }
    EXPECT_TRUE(store_->begin_read()->webhook_due(kNow));
    auto tx = store_->begin_write();
    auto first = tx->next_redelivery("wh_a");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->seq, seq);
    EXPECT_EQ(first->envelope_json, "{\"a\":1}");
    tx->remove_redelivery(first->redelivery_id);
    EXPECT_EQ(tx->next_redelivery("wh_a")->envelope_json, "{\"a\":2}");
    EXPECT_EQ(tx->next_redelivery("wh_b"), std::nullopt);
    tx->commit();
}

TEST_P(StoreContractTest, TheOutboxKeepsWhatAnActiveWebhookStillNeeds) {
    const auto first = append(*store_, 1, kNow - 3000);
    insert(*store_, webhook("wh_a"));  // position: first
    const auto second = append(*store_, 2, kNow - 2000);
    append(*store_, 3, kNow - 1000);
    EXPECT_EQ(store_->begin_read()->oldest_undelivered(), kNow - 2000);
    {
        auto tx = store_->begin_write();
        tx->mark_published({first, second}, kNow - 500);
        tx->commit();
    }
    {
        auto tx = store_->begin_write();
        EXPECT_EQ(tx->prune_event_log(kNow, 100), 1);  // the first only
        EXPECT_EQ(tx->prune_published(kNow), 0);       // the second is not delivered yet
        tx->commit();
    }
    auto rows = store_->begin_read()->outbox_after(0, 10);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].seq, second);

    // An inactive webhook holds nothing back.
    auto inactive = webhook("wh_a");
    inactive.active = false;
    auto tx = store_->begin_write();
    tx->update_webhook(inactive);
    EXPECT_EQ(tx->oldest_undelivered(), std::nullopt);
    EXPECT_EQ(tx->prune_published(kNow), 1);
    EXPECT_EQ(tx->prune_event_log(kNow, 100), 1);
    tx->commit();
}

}  // namespace
}  // namespace coursedist::storage::testing
