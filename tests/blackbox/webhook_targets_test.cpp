// Black-box: the targets a webhook may not reach (issue 17, spec/webhooks.md). Without
// --webhook-allow-private: http:// and every loopback, private, link-local, unique-local and
// metadata address is refused at creation (422 naming the url), as is a host name resolving to
// loopback (localhost), and no connection is made to the receiver the test starts. A webhook to
// `localhost` created while the flag was on is refused again at delivery time, after the name is
// resolved and before any connection. A TLS receiver with a self-signed certificate is refused as
// unverified.

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"
#include "support/webhook_receiver.hpp"

#include <gmock/gmock.h>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class WebhookTargetsTest : public ApiTest {
  protected:
    HttpResponse create_webhook(const std::string& url) {
        return admin_json("POST", "/api/webhooks",
                          json::object{{"url", url}, {"events", json::array{"*"}}});
    }
    // The first attempt in the log of the only webhook, once there is one.
    json::object first_attempt(const std::string& webhook_id) {
        json::object attempt;
        eventually([&] {
            auto items =
                parse_object(admin("GET", "/api/webhooks/" + webhook_id + "/deliveries").body)
                    .at("items")
                    .as_array();
            if (items.empty()) return false;
            attempt = items.back().as_object();
            return true;
        });
        return attempt;
    }
    WebhookReceiver receiver_;
};

TEST_P(WebhookTargetsTest, InternalAndPlainHttpTargetsAreRefusedWithoutAConnection) {
    const auto port = std::to_string(receiver_.port());
    for (const auto& url : std::vector<std::string>{
             receiver_.url(),  // http://127.0.0.1:port
             "https://127.0.0.1:" + port + "/hook",
             "https://localhost:" + port + "/hook",
             "https://LOCALHOST:" + port + "/hook",
             "https://[::1]:" + port + "/hook",
             "https://[::ffff:127.0.0.1]:" + port + "/hook",
             "https://10.0.0.1/hook",
             "https://172.16.5.4/hook",
             "https://192.168.0.10/hook",
             "https://169.254.169.254/latest/meta-data/",
             "https://169.254.1.1/hook",
             "https://[fe80::1]/hook",
             "https://[fd00:ec2::254]/latest/",
             "https://[fc00::5]/hook",
             "https://[::ffff:10.1.1.1]/hook",
         }) {
        auto response = create_webhook(url);
        EXPECT_EQ(response.status, 422) << url << ": " << response.body;
        EXPECT_THAT(error_fields(response), ElementsAre("url")) << url;
    }
    auto localhost = create_webhook("https://localhost:" + port + "/hook");
    EXPECT_THAT(localhost.body, HasSubstr("loopback"));
    EXPECT_THAT(parse_object(admin("GET", "/api/webhooks").body).at("items").as_array(),
                ::testing::IsEmpty());
    EXPECT_EQ(receiver_.connections(), 0u);
}

TEST_P(WebhookTargetsTest, EveryFailingFieldIsNamed) {
    auto response = admin_json("POST", "/api/webhooks",
                               json::object{{"url", "http://10.0.0.1/"},
                                            {"events", json::array{"distribution.created", "nope"}},
                                            {"description", 5},
                                            {"secret", "mine"}});
    EXPECT_EQ(response.status, 422);
    EXPECT_THAT(error_fields(response),
                ::testing::UnorderedElementsAre("url", "events[1]", "description", "secret"));
    EXPECT_THAT(error_fields(admin("POST", "/api/webhooks", "{}")),
                ::testing::UnorderedElementsAre("url", "events"));
}

TEST_P(WebhookTargetsTest, AHostResolvingToLoopbackIsRefusedAtDeliveryTime) {
    // Created while private targets were allowed; the service then restarts without the flag.
    ServiceOptions allowing;
    allowing.database = database_->uri();
    allowing.extra_args = {"--webhook-allow-private", "true"};
    std::string webhook_id;
    {
        ServiceProcess permissive(allowing);
        HttpClient client(permissive.port());
        auto created = client.request(
            "POST", "/api/webhooks",
            json::serialize(json::object{
                {"url", "https://localhost:" + std::to_string(receiver_.port()) + "/hook"},
                {"events", json::array{"*"}}}),
            {{"Authorization", permissive.auth_header()}, {"Content-Type", "application/json"}});
        ASSERT_EQ(created.status, 201) << created.body;
        webhook_id = std::string(parse_object(created.body).at("webhook_id").as_string());
    }
    create_course("A course for a rebinding target");  // on the service without the flag
    const auto attempt = first_attempt(webhook_id);
    ASSERT_FALSE(attempt.empty());
    EXPECT_TRUE(attempt.at("response_status").is_null());
    EXPECT_THAT(std::string(attempt.at("error").as_string()), HasSubstr("loopback"));
    EXPECT_THAT(std::string(attempt.at("error").as_string()), HasSubstr("no connection made"));
    EXPECT_EQ(receiver_.connections(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebhookTargetsTest, ::testing::ValuesIn(test_backends()));

// TLS is verified even when private targets are allowed: a self-signed certificate is refused.
class WebhookTlsTest : public WebhookTargetsTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--webhook-allow-private", "true"};
    }
    WebhookReceiver tls_receiver_{WebhookReceiver::Mode::SelfSignedTls};
};

TEST_P(WebhookTlsTest, AnUnverifiedCertificateIsRefused) {
    auto created = create_webhook(tls_receiver_.url());
    ASSERT_EQ(created.status, 201) << created.body;
    create_course("A course for an unverified receiver");
    const auto attempt =
        first_attempt(std::string(parse_object(created.body).at("webhook_id").as_string()));
    ASSERT_FALSE(attempt.empty());
    EXPECT_TRUE(attempt.at("response_status").is_null());
    EXPECT_THAT(std::string(attempt.at("error").as_string()), HasSubstr("TLS"));
    EXPECT_THAT(std::string(attempt.at("error").as_string()),
                HasSubstr("certificate verify failed"));
    EXPECT_GE(tls_receiver_.connections(), 1u);
    EXPECT_TRUE(tls_receiver_.received().empty());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, WebhookTlsTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace coursedist::testing
