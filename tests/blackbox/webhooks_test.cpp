// Black-box: outbound webhooks (issue 17, spec/webhooks.md) against a receiver the test starts
// on 127.0.0.1 (plain http, allowed by --webhook-allow-private), on both backends. Subscribed
// events arrive in commit order and unsubscribed ones never; signatures verify against an HMAC
// computed here with OpenSSL, during a rotation with either secret; a failing receiver gets the
// event on the third attempt with the later events held behind it; redelivery; deactivation
// after 20 failed deliveries; a kill -9 with deliveries pending loses none; the subscription
// routes and the delivery log's paging. The retry schedule is scaled down (--webhook-retry-scale)
// so that no test waits for the real one.

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"
#include "support/webhook_receiver.hpp"

#include <gmock/gmock.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <ctime>
#include <sstream>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// Standard Webhooks verification, written here independently of the service's code.
std::string base64(const unsigned char* bytes, std::size_t size) {
    std::string out(4 * ((size + 2) / 3), '\0');
    EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes, static_cast<int>(size));
    return out;
}

std::string key_of(const std::string& secret) {
    const std::string encoded = secret.substr(std::string("whsec_").size());
    std::string key(encoded.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(key.data()),
                                  reinterpret_cast<const unsigned char*>(encoded.data()),
                                  static_cast<int>(encoded.size()));
    key.resize(static_cast<std::size_t>(n) - (encoded.ends_with("=") ? 1 : 0));
    return key;
}

std::string expected_signature(const std::string& secret, const ReceivedWebhook& r) {
    const auto key = key_of(secret);
    const std::string message =
        r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
    return "v1," + base64(mac, length);
}

std::vector<std::string> signatures_of(const ReceivedWebhook& r) {
    std::vector<std::string> out;
    std::istringstream in(r.header("webhook-signature"));
    for (std::string s; in >> s;) out.push_back(s);
    return out;
}

std::string type_of(const ReceivedWebhook& r) {
    return std::string(parse_object(r.body).at("type").as_string());
}

class WebhooksTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--webhook-allow-private", "true",
                              "--webhook-retry-scale",   retry_scale(),
                              "--counter-event-window",  "0"};
    }
    // 5 ms, 30 ms, 120 ms … and 86.4 s in place of 24 h.
    virtual std::string retry_scale() const { return "0.001"; }

    json::object create_webhook(json::array events, const std::string& path = "/hook") {
        auto response = admin_json("POST", "/api/webhooks",
                                   json::object{{"url", receiver_.url(path)}, {"events", events}});
        EXPECT_EQ(response.status, 201) << response.body;
        return parse_object(response.body);
    }
    std::string id_of(const json::object& o, const char* key = "webhook_id") {
        return std::string(o.at(key).as_string());
    }
    json::array deliveries(const std::string& webhook_id, const std::string& query = "") {
        auto response = admin("GET", "/api/webhooks/" + webhook_id + "/deliveries" + query);
        EXPECT_EQ(response.status, 200) << response.body;
        return parse_object(response.body).at("items").as_array();
    }
    // The ids of the outbox's events of these types, in commit order (the embedded event log).
    std::vector<std::string> committed_ids(const std::set<std::string>& types) {
        std::vector<std::string> ids;
        auto page = parse_object(admin("GET", "/api/events?limit=1000").body);
        for (const auto& item : page.at("items").as_array()) {
            const auto& event = item.at("event").as_object();
            if (types.contains(std::string(event.at("type").as_string())))
                ids.emplace_back(event.at("id").as_string());
        }
        return ids;
    }
    std::vector<std::string> delivered_ids() {
        std::vector<std::string> ids;
        for (const auto& r : receiver_.received())
            if (r.answered == 200) ids.push_back(r.header("webhook-id"));
        return ids;
    }
    bool received_at_least(std::size_t n) {
        return eventually([&] { return delivered_ids().size() >= n; });
    }
    double oldest_undelivered_seconds() {
        const std::string name = "coursedist_webhook_oldest_undelivered_seconds ";
        const auto metrics = get("/metrics").body;
        const auto at = metrics.find("\n" + name);
        return at == std::string::npos ? -1 : std::stod(metrics.substr(at + 1 + name.size()));
    }
    void bump(const std::string& distribution_id) {
        auto r = admin("POST", "/api/distributions/" + distribution_id + "/version-bump");
        ASSERT_EQ(r.status, 200) << r.body;
    }

    WebhookReceiver receiver_;
};

TEST_P(WebhooksTest, SubscribedEventsArriveInCommitOrderAndUnsubscribedOnesNever) {
    const auto hook = create_webhook({"distribution.created", "distribution.published"});
    const auto a = create_course("Webhooks in commit order");
    publish(id_of(a, "distribution_id"));
    bump(id_of(a, "distribution_id"));  // distribution.version_bumped: not subscribed
    admin("POST", "/api/distributions/" + id_of(a, "distribution_id") + "/log-view");
    const auto b = create_course("Another course for the receiver");
    publish(id_of(b, "distribution_id"));

    const auto expected = committed_ids({"distribution.created", "distribution.published"});
    ASSERT_EQ(expected.size(), 4u);
    ASSERT_TRUE(received_at_least(4));
    ASSERT_TRUE(eventually([&] { return deliveries(id_of(hook)).size() == 4; }));
    EXPECT_THAT(delivered_ids(), ElementsAreArray(expected));
    for (const auto& r : receiver_.received()) {
        EXPECT_EQ(r.target, "/hook");
        EXPECT_THAT(type_of(r), ::testing::AnyOf("distribution.created", "distribution.published"));
        EXPECT_EQ(r.header("content-type"), "application/json");
        EXPECT_THAT(r.header("user-agent"), ::testing::StartsWith("coursedist-webhooks/"));
        EXPECT_EQ(std::string(parse_object(r.body).at("id").as_string()), r.header("webhook-id"));
        EXPECT_EQ(std::string(parse_object(r.body).at("source").as_string()),
                  "course_distribution");
    }
    for (const auto& d : deliveries(id_of(hook))) {
        EXPECT_EQ(d.at("status"), "delivered");
        EXPECT_EQ(d.at("response_status"), 200);
        EXPECT_EQ(d.at("response_excerpt"), "thanks");
        EXPECT_EQ(d.at("attempt"), 1);
    }
}

TEST_P(WebhooksTest, SignaturesVerifyWithTheSecretAndDuringARotationWithEither) {
    const auto hook = create_webhook({"*"});
    const std::string first_secret(hook.at("secret").as_string());
    EXPECT_FALSE(
        parse_object(admin("GET", "/api/webhooks/" + id_of(hook)).body).contains("secret"));
    create_course("Signed deliveries for receivers");
    ASSERT_TRUE(received_at_least(1));
    const auto signed_once = receiver_.received().front();
    EXPECT_THAT(signatures_of(signed_once),
                ElementsAreArray({expected_signature(first_secret, signed_once)}));
    const auto sent_at = std::stoll(signed_once.header("webhook-timestamp"));
    EXPECT_LE(std::abs(sent_at - static_cast<long long>(std::time(nullptr))), 300);

    auto rotated = admin("POST", "/api/webhooks/" + id_of(hook) + "/rotate-secret");
    ASSERT_EQ(rotated.status, 200) << rotated.body;
    const std::string second_secret(parse_object(rotated.body).at("secret").as_string());
    EXPECT_NE(second_secret, first_secret);
    EXPECT_TRUE(parse_object(rotated.body).at("previous_secret_valid_until").is_number());
    create_course("Signed during the rotation");
    ASSERT_TRUE(received_at_least(2));
    const auto during = receiver_.received().at(1);
    const auto signatures = signatures_of(during);
    ASSERT_EQ(signatures.size(), 2u) << during.header("webhook-signature");
    // A receiver holding either secret finds its signature among them.
    EXPECT_EQ(signatures[0], expected_signature(second_secret, during));
    EXPECT_EQ(signatures[1], expected_signature(first_secret, during));
}

TEST_P(WebhooksTest, AReceiverFailingTwiceGetsTheEventOnTheThirdAttemptWithLaterEventsHeld) {
    const auto hook = create_webhook({"distribution.created"});
    receiver_.answer_with([](const ReceivedWebhook&, std::size_t n) { return n < 2 ? 503 : 200; });
    create_course("The first course fails twice");
    create_course("The second course waits behind");
    create_course("The third course waits behind too");
    const auto expected = committed_ids({"distribution.created"});
    ASSERT_TRUE(received_at_least(3));

    std::vector<std::string> arrivals;
    for (const auto& r : receiver_.received()) arrivals.push_back(r.header("webhook-id"));
    EXPECT_THAT(arrivals, ElementsAreArray(
                              {expected[0], expected[0], expected[0], expected[1], expected[2]}));
    EXPECT_THAT(delivered_ids(), ElementsAreArray(expected));

    // The receiver has the last event before its attempt is logged: wait for the log.
    ASSERT_TRUE(eventually([&] { return deliveries(id_of(hook)).size() == 5; }));
    auto log = deliveries(id_of(hook));  // newest first
    ASSERT_EQ(log.size(), 5u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& failed = log[4 - i].as_object();
        EXPECT_EQ(failed.at("event_id"), expected[0].c_str());
        EXPECT_EQ(failed.at("attempt"), static_cast<int>(i + 1));
        EXPECT_EQ(failed.at("status"), "pending");
        EXPECT_EQ(failed.at("response_status"), 503);
        EXPECT_EQ(failed.at("response_excerpt"), "try again later");
        EXPECT_TRUE(failed.at("next_attempt_at").is_number());
        EXPECT_THAT(std::string(failed.at("error").as_string()), HasSubstr("503"));
    }
    EXPECT_EQ(log[2].at("attempt"), 3);
    EXPECT_EQ(log[2].at("status"), "delivered");
    EXPECT_TRUE(log[2].at("next_attempt_at").is_null());
    const auto metrics = get("/metrics").body;
    EXPECT_THAT(metrics, HasSubstr("coursedist_webhook_deliveries_total{webhook=\"" + id_of(hook) +
                                   "\",outcome=\"retried\"} 2"));
    EXPECT_THAT(metrics, HasSubstr("coursedist_webhook_deliveries_total{webhook=\"" + id_of(hook) +
                                   "\",outcome=\"delivered\"} 3"));
    EXPECT_THAT(metrics, HasSubstr("coursedist_webhook_oldest_undelivered_seconds 0"));
}

TEST_P(WebhooksTest, ALoggedDeliveryIsRedeliveredOnRequest) {
    const auto hook = create_webhook({"*"});
    create_course("A course delivered twice");
    ASSERT_TRUE(received_at_least(1));
    ASSERT_TRUE(eventually([&] { return deliveries(id_of(hook)).size() == 1; }));
    const auto delivery_id = deliveries(id_of(hook)).at(0).at("delivery_id").as_int64();

    auto queued = admin("POST", "/api/webhooks/" + id_of(hook) + "/deliveries/" +
                                    std::to_string(delivery_id) + "/redeliver");
    ASSERT_EQ(queued.status, 202) << queued.body;
    ASSERT_TRUE(received_at_least(2));
    const auto received = receiver_.received();
    EXPECT_EQ(received[1].header("webhook-id"), received[0].header("webhook-id"));
    EXPECT_EQ(received[1].body, received[0].body);
    ASSERT_TRUE(eventually([&] { return deliveries(id_of(hook)).size() == 2; }));
    EXPECT_EQ(deliveries(id_of(hook)).at(0).at("status"), "delivered");

    EXPECT_EQ(admin("POST", "/api/webhooks/" + id_of(hook) + "/deliveries/999999/redeliver").status,
              404);
    EXPECT_EQ(admin("POST", "/api/webhooks/wh_0000000000000000/deliveries/" +
                                std::to_string(delivery_id) + "/redeliver")
                  .status,
              404);
}

TEST_P(WebhooksTest, AKillWithDeliveriesPendingLosesNone) {
    const auto hook = create_webhook({"distribution.created"});
    receiver_.answer_with([](const ReceivedWebhook&, std::size_t) { return 500; });
    for (int n = 0; n < 5; ++n) create_course("A course pending at the kill " + std::to_string(n));
    const auto expected = committed_ids({"distribution.created"});
    // Killed while the first event waits for its sixth attempt (1.8 s after the fifth was
    // logged): most likely between attempts. Killed during one, its claim runs out before the
    // restarted dispatcher takes the webhook over (20 s).
    ASSERT_TRUE(eventually([&] { return deliveries(id_of(hook)).size() >= 5; }));
    EXPECT_GT(oldest_undelivered_seconds(), 0);
    service_->kill_hard();

    receiver_.answer_with([](const ReceivedWebhook&, std::size_t) { return 200; });
    service_->restart();
    client_ = std::make_unique<HttpClient>(service_->port());
    ASSERT_TRUE(received_at_least(5));
    EXPECT_THAT(delivered_ids(), ElementsAreArray(expected));
}

TEST_P(WebhooksTest, SubscriptionsAreReadChangedAndDeleted) {
    const auto hook = create_webhook({"distribution.created"});
    EXPECT_TRUE(id_of(hook).starts_with("wh_"));
    EXPECT_TRUE(std::string_view(hook.at("secret").as_string()).starts_with("whsec_"));
    EXPECT_EQ(hook.at("active"), true);

    auto list = parse_object(admin("GET", "/api/webhooks").body).at("items").as_array();
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].at("webhook_id"), hook.at("webhook_id"));
    EXPECT_FALSE(list[0].as_object().contains("secret"));

    auto changed = admin_json(
        "PUT", "/api/webhooks/" + id_of(hook),
        json::object{{"events", json::array{"*"}}, {"description", "all"}, {"active", false}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    auto body = parse_object(changed.body);
    EXPECT_EQ(body.at("events"), json::array{"*"});
    EXPECT_EQ(body.at("description"), "all");
    EXPECT_EQ(body.at("active"), false);
    EXPECT_EQ(parse_object(admin("GET", "/api/webhooks/" + id_of(hook)).body), body);

    auto refused = admin_json("PUT", "/api/webhooks/" + id_of(hook),
                              json::object{{"events", json::array{"distribution.exploded"}},
                                           {"url", "ftp://x"},
                                           {"colour", "red"}});
    EXPECT_EQ(refused.status, 422);
    EXPECT_THAT(error_fields(refused),
                ::testing::UnorderedElementsAre("events[0]", "url", "colour"));

    EXPECT_EQ(admin("DELETE", "/api/webhooks/" + id_of(hook)).status, 204);
    EXPECT_EQ(admin("GET", "/api/webhooks/" + id_of(hook)).status, 404);
    EXPECT_EQ(admin("DELETE", "/api/webhooks/" + id_of(hook)).status, 404);
    EXPECT_EQ(admin("GET", "/api/webhooks/" + id_of(hook) + "/deliveries").status, 404);
    EXPECT_EQ(client_->get("/api/webhooks").status, 401);
}

TEST_P(WebhooksTest, TheDeliveryLogPagesNewestFirst) {
    const auto hook = create_webhook({"distribution.created"});
    for (int n = 0; n < 3; ++n) create_course("A course in the paged log " + std::to_string(n));
    ASSERT_TRUE(received_at_least(3));
    ASSERT_TRUE(eventually([&] { return deliveries(id_of(hook)).size() == 3; }));
    const auto expected = committed_ids({"distribution.created"});

    auto first =
        parse_object(admin("GET", "/api/webhooks/" + id_of(hook) + "/deliveries?limit=2").body);
    ASSERT_EQ(first.at("items").as_array().size(), 2u);
    ASSERT_TRUE(first.at("next_cursor").is_string());
    auto second =
        parse_object(admin("GET", "/api/webhooks/" + id_of(hook) + "/deliveries?limit=2&cursor=" +
                                      std::string(first.at("next_cursor").as_string()))
                         .body);
    ASSERT_EQ(second.at("items").as_array().size(), 1u);
    EXPECT_TRUE(second.at("next_cursor").is_null());
    std::vector<std::string> newest_first;
    for (const auto* page : {&first, &second})
        for (const auto& d : page->at("items").as_array())
            newest_first.emplace_back(d.at("event_id").as_string());
    EXPECT_THAT(newest_first, ElementsAreArray({expected[2], expected[1], expected[0]}));
    EXPECT_EQ(admin("GET", "/api/webhooks/" + id_of(hook) + "/deliveries?limit=0").status, 422);
    EXPECT_EQ(admin("GET", "/api/webhooks/" + id_of(hook) + "/deliveries?cursor=abc").status, 422);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhooksTest, ::testing::ValuesIn(test_backends()));

// A scale so small that a failed delivery is given up after its first attempt or two (24 h
// becomes 86 µs), so that twenty of them take no time.
class WebhookDeactivationTest : public WebhooksTest {
  protected:
    std::string retry_scale() const override { return "0.000000001"; }
};

TEST_P(WebhookDeactivationTest, TwentyFailedDeliveriesInARowSetTheWebhookInactive) {
    const auto hook = create_webhook({"*"});
    receiver_.answer_with([](const ReceivedWebhook&, std::size_t) { return 500; });
    const auto course = create_course("A course whose receiver is down");
    for (int n = 0; n < 24; ++n) bump(id_of(course, "distribution_id"));
    ASSERT_TRUE(eventually([&] {
        return parse_object(admin("GET", "/api/webhooks/" + id_of(hook)).body).at("active") ==
               false;
    }));
    std::set<std::string> failed_events;
    for (const auto& d : deliveries(id_of(hook), "?limit=100"))
        if (d.at("status") == "failed") failed_events.emplace(d.at("event_id").as_string());
    EXPECT_EQ(failed_events.size(), 20u);
    EXPECT_THAT(get("/metrics").body, HasSubstr("coursedist_webhook_deliveries_total{webhook=\"" +
                                                id_of(hook) + "\",outcome=\"failed\"} 20"));

    // Set active again, it goes on with the next event.
    receiver_.answer_with([](const ReceivedWebhook&, std::size_t) { return 200; });
    ASSERT_EQ(
        admin_json("PUT", "/api/webhooks/" + id_of(hook), json::object{{"active", true}}).status,
        200);
    ASSERT_TRUE(received_at_least(1));
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookDeactivationTest, ::testing::ValuesIn(test_backends()));

// The event log's retention (embedded mode, about two seconds here) spares what an active
// webhook has not had: events from before the webhook leave the log, the one it still retries
// stays and is delivered once the receiver is back.
class WebhookOutboxRetentionTest : public WebhooksTest {
  protected:
    void configure(ServiceOptions& options) override {
        WebhooksTest::configure(options);
        options.extra_args.insert(options.extra_args.end(),
                                  {"--event-log-retention-days", "0.00002"});
    }
    std::size_t logged_events() {
        return parse_object(admin("GET", "/api/events?limit=1000").body)
            .at("items")
            .as_array()
            .size();
    }
};

TEST_P(WebhookOutboxRetentionTest, AnEventAnActiveWebhookHasNotHadStaysInTheOutbox) {
    create_course("A course from before the webhook");  // prunable: no webhook needs it
    receiver_.answer_with([](const ReceivedWebhook&, std::size_t) { return 500; });
    create_webhook({"distribution.created"});
    create_course("A course the receiver refuses for now");
    const auto kept = committed_ids({"distribution.created"}).back();
    ASSERT_TRUE(eventually([&] { return logged_events() == 1; }));
    EXPECT_EQ(committed_ids({"distribution.created"}), std::vector<std::string>{kept});

    receiver_.answer_with([](const ReceivedWebhook&, std::size_t) { return 200; });
    ASSERT_TRUE(received_at_least(1));
    EXPECT_EQ(delivered_ids(), std::vector<std::string>{kept});
    EXPECT_TRUE(eventually([&] { return logged_events() == 0; }));  // delivered: it goes too
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookOutboxRetentionTest,
                         ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
