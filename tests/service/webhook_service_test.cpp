// The webhook subscriptions' use cases (issue 17, service/webhook_service.hpp) over a real SQLite
// store: a secret shown at creation and rotation only, the previous secret kept for 24 h, a host
// name refused by the addresses it resolves to (the resolver the service is given stands for DNS,
// which a test cannot steer), the delivery log's cursor, and redelivery.

#include "service/webhook_service.hpp"
#include "domain/webhook_signature.hpp"
#include "service/errors.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"

#include <gmock/gmock.h>
#include <boost/json.hpp>

namespace coursedist::service {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;

constexpr double kNow = 1'800'000'000;

std::vector<std::string> resolve(const std::string& host) {
    if (host == "inward.example") return {"203.0.113.9", "10.0.0.7"};
    if (host == "outward.example") return {"203.0.113.9"};
    return {};
}

std::vector<std::string> fields_of(const ValidationFailed& e) {
    std::vector<std::string> out;
    for (const auto& error : e.errors()) out.push_back(error.field);
    return out;
}

class WebhookServiceTest : public ::testing::Test {
  protected:
    WebhookServiceTest()
        : store_(storage::open_sqlite_store(dir_.file("db.sqlite"), 2)),
          service_(*store_, {}, resolve, [this] { return now_; }) {
        store_->migrate();
    }
    json::value body(const std::string& url, json::array events = {"*"}) {
        return json::object{{"url", url}, {"events", std::move(events)}};
    }
    std::int64_t append_event(const std::string& id) {
        auto tx = store_->begin_write();
        auto seq =
            tx->append_outbox({0, id, "distribution.created", "{\"id\":\"" + id + "\"}", now_});
        tx->commit();
        return seq;
    }

    storage::testing::TempDir dir_;
    std::unique_ptr<storage::Store> store_;
    double now_ = kNow;
    WebhookService service_;
};

TEST_F(WebhookServiceTest, CreatesWithASecretThatReadsLeaveOut) {
    const auto created = service_.create(body("https://outward.example/hook"));
    EXPECT_TRUE(created.webhook_id.starts_with("wh_"));
    EXPECT_EQ(created.webhook_id.size(), 19u);
    EXPECT_TRUE(domain::secret_key(created.secret));
    EXPECT_TRUE(created.active);
    EXPECT_EQ(created.created_at, kNow);
    EXPECT_EQ(service_.get(created.webhook_id), created);
    EXPECT_FALSE(domain::to_json(created).contains("secret"));
    EXPECT_THROW(service_.get("wh_0000000000000000"), NotFound);
}

TEST_F(WebhookServiceTest, AHostNameIsRefusedWhenAnyOfItsAddressesIsInternal) {
    try {
        service_.create(body("https://inward.example/hook", {"distribution.nope"}));
        FAIL() << "created";
    } catch (const ValidationFailed& e) {
        EXPECT_THAT(fields_of(e), ElementsAre("events[0]"));  // the url waits for valid events
    }
    try {
        service_.create(body("https://inward.example/hook"));
        FAIL() << "created";
    } catch (const ValidationFailed& e) {
        EXPECT_THAT(fields_of(e), ElementsAre("url"));
        EXPECT_THAT(e.errors()[0].message, ::testing::HasSubstr("10.0.0.7"));
    }
    const auto created = service_.create(body("https://outward.example/hook"));
    EXPECT_THROW(
        service_.update(created.webhook_id, json::object{{"url", "https://inward.example/"}}),
        ValidationFailed);
    // A name that does not resolve now is taken: the delivery checks it again.
    EXPECT_NO_THROW(service_.create(body("https://unknown.example/hook")));
}

TEST_F(WebhookServiceTest, RotationKeepsThePreviousSecretForADay) {
    const auto created = service_.create(body("https://outward.example/hook"));
    now_ += 60;
    const auto rotated = service_.rotate_secret(created.webhook_id);
    EXPECT_NE(rotated.secret, created.secret);
    EXPECT_EQ(rotated.previous_secret, created.secret);
    EXPECT_EQ(rotated.previous_secret_until, kNow + 60 + 86400);
    EXPECT_EQ(rotated.updated_at, kNow + 60);
    EXPECT_EQ(service_.get(created.webhook_id), rotated);
}

TEST_F(WebhookServiceTest, UpdateChangesTheMembersPresent) {
    int changes = 0;  // the dispatcher is told, so that it wakes for a new or reactivated one
    service_.add_on_change([&] { ++changes; });
    const auto created = service_.create(body("https://outward.example/hook"));
    now_ += 5;
    const auto updated = service_.update(
        created.webhook_id,
        json::object{{"events", json::array{"distribution.deleted"}}, {"active", false}});
    EXPECT_EQ(updated.url, created.url);
    EXPECT_THAT(updated.events, ElementsAre("distribution.deleted"));
    EXPECT_FALSE(updated.active);
    EXPECT_EQ(updated.secret, created.secret);
    EXPECT_EQ(updated.updated_at, kNow + 5);
    EXPECT_EQ(changes, 2);
    service_.remove(created.webhook_id);
    EXPECT_THROW(service_.remove(created.webhook_id), NotFound);
}

TEST_F(WebhookServiceTest, TheLogPagesByCursorAndADeliveryIsQueuedAgain) {
    const auto created = service_.create(body("https://outward.example/hook"));
    const auto seq = append_event("evt-1");
    std::vector<std::int64_t> ids;
    {
        auto tx = store_->begin_write();
        for (int attempt = 1; attempt <= 3; ++attempt) {
            storage::DeliveryAttempt a;
            a.webhook_id = created.webhook_id;
            a.seq = seq;
            a.event_id = "evt-1";
            a.event_type = "distribution.created";
            a.attempt = attempt;
            a.status = attempt < 3 ? "pending" : "delivered";
            a.attempted_at = kNow + attempt;
            ids.push_back(tx->append_delivery(a));
        }
        tx->commit();
    }
    const auto first = service_.deliveries(created.webhook_id, 2, std::nullopt);
    ASSERT_EQ(first.items.size(), 2u);
    EXPECT_EQ(first.items[0].delivery_id, ids[2]);
    ASSERT_TRUE(first.next_cursor);
    const auto second = service_.deliveries(created.webhook_id, 2, first.next_cursor);
    ASSERT_EQ(second.items.size(), 1u);
    EXPECT_EQ(second.items[0].delivery_id, ids[0]);
    EXPECT_FALSE(second.next_cursor);
    EXPECT_THROW(service_.deliveries(created.webhook_id, 2, std::string("x1")), ValidationFailed);

    int woken = 0;
    service_.add_on_change([&] { ++woken; });
    service_.redeliver(created.webhook_id, ids[1]);
    EXPECT_EQ(woken, 1);
    auto queued = store_->begin_read()->next_redelivery(created.webhook_id);
    ASSERT_TRUE(queued);
    EXPECT_EQ(queued->event_id, "evt-1");
    EXPECT_EQ(queued->envelope_json, "{\"id\":\"evt-1\"}");
    EXPECT_THROW(service_.redeliver(created.webhook_id, ids[2] + 100), NotFound);

    // Once the event has left the outbox there is nothing to send again.
    {
        auto tx = store_->begin_write();
        tx->remove_webhook(created.webhook_id);  // releases the outbox rows it held
        tx->prune_event_log(kNow + 1, 100);
        tx->commit();
    }
    const auto other = service_.create(body("https://outward.example/other"));
    {
        auto tx = store_->begin_write();
        storage::DeliveryAttempt a;
        a.webhook_id = other.webhook_id;
        a.seq = seq;
        a.event_id = "evt-1";
        a.event_type = "distribution.created";
        a.status = "failed";
        a.attempted_at = kNow;
        ids.push_back(tx->append_delivery(a));
        tx->commit();
    }
    EXPECT_THROW(service_.redeliver(other.webhook_id, ids.back()), Conflict);
}

}  // namespace
}  // namespace coursedist::service
