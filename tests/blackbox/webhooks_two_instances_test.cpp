// Black-box: two coursedist instances on one PostgreSQL database deliver to one webhook (issue
// 17, spec/webhooks.md): events committed on either arrive once each, in commit order, and the
// delivery log has one attempt per event, because an attempt is claimed in the database before it
// is made (two_instances_test.cpp covers the rest of running two instances).

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/webhook_receiver.hpp"

#include <gmock/gmock.h>

#include <array>
#include <map>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

constexpr int kCourses = 30;

TEST(WebhooksOnTwoInstances, EachEventIsDeliveredOnceInCommitOrder) {
    ScratchPostgresDatabase database(shared_postgres_admin_uri());
    WebhookReceiver receiver;
    ServiceOptions options;
    options.database = database.uri();
    options.extra_args = {"--webhook-allow-private", "true", "--webhook-retry-scale", "0.001"};
    std::array<std::unique_ptr<ServiceProcess>, 2> services{
        std::make_unique<ServiceProcess>(options), std::make_unique<ServiceProcess>(options)};
    std::array<std::unique_ptr<HttpClient>, 2> clients{
        std::make_unique<HttpClient>(services[0]->port()),
        std::make_unique<HttpClient>(services[1]->port())};
    const auto admin = [&](int i, const std::string& method, const std::string& target,
                           const json::value& body = nullptr) {
        std::vector<std::pair<std::string, std::string>> headers{
            {"Authorization", services[i]->auth_header()}};
        std::string text;
        if (!body.is_null()) {
            text = json::serialize(body);
            headers.emplace_back("Content-Type", "application/json");
        }
        return clients[i]->request(method, target, text, std::move(headers));
    };

    auto created = admin(
        0, "POST", "/api/webhooks",
        json::object{{"url", receiver.url()}, {"events", json::array{"distribution.created"}}});
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string webhook_id(parse_object(created.body).at("webhook_id").as_string());
    for (int n = 0; n < kCourses; ++n) {
        const std::string title = "Course number " + std::to_string(n) + " on two instances";
        auto r = admin(n % 2, "POST", "/api/distributions/create",
                       json::object{{"course_id", "two-" + std::to_string(n)},
                                    {"language", "en"},
                                    {"title", title},
                                    {"description", long_description(title)}});
        ASSERT_EQ(r.status, 201) << r.body;
    }
    std::vector<std::string> committed;
    const auto events = parse_object(admin(1, "GET", "/api/events?limit=1000").body);
    for (const auto& item : events.at("items").as_array())
        if (item.at("event").at("type") == "distribution.created")
            committed.emplace_back(item.at("event").at("id").as_string());
    ASSERT_EQ(committed.size(), static_cast<std::size_t>(kCourses));

    ASSERT_TRUE(eventually([&] { return receiver.received().size() >= kCourses; }));
    std::vector<std::string> arrived;
    for (const auto& r : receiver.received()) arrived.push_back(r.header("webhook-id"));
    EXPECT_THAT(arrived, ::testing::ElementsAreArray(committed));

    // The receiver has an event before its sender has logged the attempt: wait for the log.
    json::object log;
    ASSERT_TRUE(eventually([&] {
        log = parse_object(
            admin(1, "GET", "/api/webhooks/" + webhook_id + "/deliveries?limit=100").body);
        return log.at("items").as_array().size() >= kCourses;
    }));
    std::map<std::string, int> attempts;
    for (const auto& d : log.at("items").as_array())
        ++attempts[std::string(d.at("event_id").as_string())];
    EXPECT_EQ(attempts.size(), static_cast<std::size_t>(kCourses));
    for (const auto& [event, count] : attempts) EXPECT_EQ(count, 1) << event;
    EXPECT_EQ(receiver.received().size(), static_cast<std::size_t>(kCourses));
}

}  // namespace
}  // namespace coursedist::testing
