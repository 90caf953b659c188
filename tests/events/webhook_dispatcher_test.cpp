// The webhook dispatcher (issue 17, service/webhook_dispatcher.hpp) on the spec's own retry
// schedule, unscaled: a clock the test moves, a real SQLite store, the real client and a receiver
// on 127.0.0.1 that refuses every delivery. Each failed attempt is logged with the wait of the
// schedule (5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then hourly), nothing is sent before it is due,
// the later event waits behind, and after 24 h the delivery is failed and the next one goes.

#include "service/webhook_dispatcher.hpp"
#include "domain/webhook_signature.hpp"
#include "events/webhook_client.hpp"
#include "service/metrics.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "support/service_process.hpp"
#include "support/webhook_receiver.hpp"

#include <gmock/gmock.h>

#include <functional>
#include <memory>

namespace coursedist::events {
namespace {

constexpr double kStart = 1'800'000'000;

storage::OutboxEvent event(const std::string& id) {
    return {0, id, "distribution.created", "{\"id\":\"" + id + "\"}", kStart};
}

TEST(WebhookDispatcher, FailedAttemptsFollowTheSpecScheduleAndGiveUpAfter24Hours) {
    testing::TempDir dir;
    auto store = storage::open_sqlite_store((dir.path() / "db.sqlite").string(), 2);
    store->migrate();
    testing::WebhookReceiver receiver;
    receiver.answer_with([](const testing::ReceivedWebhook& r, std::size_t) {
        return r.header("webhook-id") == "evt-1" ? 500 : 200;
    });
    domain::Webhook webhook;
    webhook.webhook_id = "wh_00000000000000aa";
    webhook.url = receiver.url();
    webhook.events = {"*"};
    webhook.secret = domain::new_webhook_secret();
    {
        auto tx = store->begin_write();
        tx->insert_webhook(webhook);
        tx->append_outbox(event("evt-1"));
        tx->append_outbox(event("evt-2"));
        tx->commit();
    }
    double now = kStart;
    service::Metrics metrics;
    WebhookClient client({.allow_private = true});
    service::WebhookDispatcher dispatcher(*store, metrics, client, {}, [&now] { return now; });

    std::vector<double> waits;
    for (;;) {
        ASSERT_TRUE(dispatcher.dispatch_once());
        // The newest attempt at evt-1 (once it failed, evt-2 follows in the same round).
        auto last = store->begin_read()->deliveries_of(webhook.webhook_id, std::nullopt, 2);
        std::erase_if(last, [](const auto& a) { return a.event_id != "evt-1"; });
        ASSERT_FALSE(last.empty());
        EXPECT_EQ(last[0].attempt, static_cast<int>(waits.size()) + 1);
        if (last[0].status == "failed") break;
        ASSERT_EQ(last[0].status, "pending");
        ASSERT_TRUE(last[0].next_attempt_at);
        waits.push_back(*last[0].next_attempt_at - last[0].attempted_at);
        // Not due a second early: nothing is sent.
        const auto sent = receiver.received().size();
        now = *last[0].next_attempt_at - 1;
        EXPECT_FALSE(dispatcher.dispatch_once());
        EXPECT_EQ(receiver.received().size(), sent);
        now += 1;
    }
    ASSERT_EQ(waits.size(), 28u);  // 29 attempts within 24 h of the first
    EXPECT_THAT(std::vector<double>(waits.begin(), waits.begin() + 7),
                ::testing::ElementsAre(5, 30, 120, 600, 1800, 3600, 3600));
    for (double wait : waits) EXPECT_LE(wait, 3600);
    EXPECT_LE(now - kStart, 24 * 3600);

    // evt-2 waited behind evt-1 and went right after it failed.
    const auto received = receiver.received();
    ASSERT_EQ(received.size(), 30u);
    for (std::size_t i = 0; i < 29; ++i) EXPECT_EQ(received[i].header("webhook-id"), "evt-1");
    EXPECT_EQ(received[29].header("webhook-id"), "evt-2");
    EXPECT_EQ(received[29].answered, 200);
    EXPECT_TRUE(store->begin_read()->find_webhook(webhook.webhook_id)->active);

    // Each attempt counted once under its outcome's name.
    const std::string rendered = metrics.render();
    const std::string labels = "{webhook=\"wh_00000000000000aa\",outcome=";
    EXPECT_THAT(rendered, ::testing::HasSubstr("coursedist_webhook_deliveries_total" + labels +
                                               "\"retried\"} 28"));
    EXPECT_THAT(rendered, ::testing::HasSubstr("coursedist_webhook_deliveries_total" + labels +
                                               "\"failed\"} 1"));
    EXPECT_THAT(rendered, ::testing::HasSubstr("coursedist_webhook_deliveries_total" + labels +
                                               "\"delivered\"} 1"));
}

// Hands each request to the real client, noting first how many attempts the log held.
class LogWatchingSender : public service::WebhookSender {
  public:
    LogWatchingSender(storage::Store& store, service::WebhookSender& inner, std::string webhook_id)
        : store_(store), inner_(inner), webhook_id_(std::move(webhook_id)) {}
    service::WebhookOutcome send(const service::OutgoingWebhook& request) override {
        logged_before_send.push_back(
            store_.begin_read()->deliveries_of(webhook_id_, std::nullopt, 1000).size());
        auto outcome = inner_.send(request);
        if (after_send) after_send();
        return outcome;
    }
    std::vector<std::size_t> logged_before_send;
    std::function<void()> after_send;  // on the dispatcher's thread

  private:
    storage::Store& store_;
    service::WebhookSender& inner_;
    std::string webhook_id_;
};

// A store with one webhook (to a receiver on 127.0.0.1) and `events` events evt-1, evt-2, … in
// its outbox; a clock the test moves; the dispatcher sends through a LogWatchingSender.
class GroupedCommits : public ::testing::Test {
  protected:
    void start(int events, int deliveries_per_commit) {
        store = storage::open_sqlite_store((dir.path() / "db.sqlite").string(), 2);
        store->migrate();
        webhook.webhook_id = "wh_00000000000000bb";
        webhook.url = receiver.url();
        webhook.events = {"*"};
        webhook.secret = domain::new_webhook_secret();
        auto tx = store->begin_write();
        tx->insert_webhook(webhook);
        for (int i = 1; i <= events; ++i) tx->append_outbox(event("evt-" + std::to_string(i)));
        tx->commit();
        sender = std::make_unique<LogWatchingSender>(*store, client, webhook.webhook_id);
        service::WebhookDispatcherOptions options;
        options.deliveries_per_commit = deliveries_per_commit;
        dispatcher = std::make_unique<service::WebhookDispatcher>(*store, metrics, *sender, options,
                                                                  [this] { return now; });
    }

    testing::TempDir dir;
    testing::WebhookReceiver receiver;
    std::unique_ptr<storage::Store> store;
    domain::Webhook webhook;
    double now = kStart;
    service::Metrics metrics;
    WebhookClient client{{.allow_private = true}};
    std::unique_ptr<LogWatchingSender> sender;
    std::unique_ptr<service::WebhookDispatcher> dispatcher;
};

TEST_F(GroupedCommits, DeliveredAttemptsAreCommittedInGroupsAndAFailureCommitsAtOnce) {
    receiver.answer_with([](const testing::ReceivedWebhook& r, std::size_t) {
        return r.header("webhook-id") == "evt-7" ? 503 : 200;
    });
    start(7, 3);
    ASSERT_TRUE(dispatcher->dispatch_once());
    // evt-1..3 were one commit, evt-4..6 the next; evt-7's failure was committed with nothing
    // held (the group before it was full and already committed).
    EXPECT_THAT(sender->logged_before_send, ::testing::ElementsAre(0, 0, 0, 3, 3, 3, 6));
    const auto log = store->begin_read()->deliveries_of(webhook.webhook_id, std::nullopt, 100);
    ASSERT_EQ(log.size(), 7u);
    EXPECT_EQ(log[0].event_id, "evt-7");
    EXPECT_EQ(log[0].status, "pending");
}

TEST_F(GroupedCommits, AGroupOlderThanTheDelayIsCommittedBeforeTheNextSend) {
    start(4, 50);
    // Each send takes the moved clock 0.6 s on: the oldest held attempt started 1.2 s before
    // the second one ended.
    sender->after_send = [this] { now += 0.6; };
    ASSERT_TRUE(dispatcher->dispatch_once());
    EXPECT_THAT(sender->logged_before_send, ::testing::ElementsAre(0, 0, 2, 2));
    EXPECT_EQ(store->begin_read()->deliveries_of(webhook.webhook_id, std::nullopt, 100).size(), 4u);
}

}  // namespace
}  // namespace coursedist::events
