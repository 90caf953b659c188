// The webhook domain (issue 17, spec/webhooks.md): the request rules (https only, no internal
// address, produced event names, every failing field at once), the internal addresses in all
// their spellings, secrets and Standard Webhooks signatures, and the retry schedule.

#include "domain/webhook.hpp"
#include "domain/network_address.hpp"
#include "domain/webhook_schedule.hpp"
#include "domain/webhook_signature.hpp"

#include <gmock/gmock.h>
#include <boost/json.hpp>

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace coursedist::domain {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> fields_of(const FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

FieldErrors create_errors(const json::value& body, bool allow_private = false) {
    return decode_webhook_create(body, TargetRules{allow_private}).errors;
}

FieldErrors url_errors(const std::string& url, bool allow_private = false) {
    return create_errors(json::object{{"url", url}, {"events", json::array{"*"}}}, allow_private);
}

TEST(WebhookRequest, AValidCreateIsDecoded) {
    auto decoded =
        decode_webhook_create(json::parse(R"({"url": "https://hooks.example.com/in?x=1", "events":
            ["distribution.published", "distribution.deleted"], "description": "CDN purge"})"),
                              {});
    ASSERT_TRUE(decoded.ok()) << decoded.errors.front().field;
    EXPECT_EQ(decoded.value.url, "https://hooks.example.com/in?x=1");
    EXPECT_THAT(*decoded.value.events,
                ElementsAre("distribution.published", "distribution.deleted"));
    EXPECT_EQ(decoded.value.description, "CDN purge");
    EXPECT_TRUE(url_errors("https://203.0.113.7:8443/hook").empty());
    EXPECT_TRUE(url_errors("https://[2001:db8::1]/hook").empty());
}

TEST(WebhookRequest, EveryFailingFieldIsReportedAtOnce) {
    const auto errors = create_errors(json::parse(
        R"({"url": "ftp://example.com/", "events": ["distribution.created", "course.deployed.staging",
            "nonsense", "distribution.created"], "description": 7, "active": "yes", "secret": "x"})"));
    EXPECT_THAT(fields_of(errors),
                UnorderedElementsAre("url", "events[1]", "events[2]", "events[3]", "description",
                                     "active", "secret"));
}

TEST(WebhookRequest, RequiredMembersAndEventListRules) {
    EXPECT_THAT(fields_of(create_errors(json::object{})), UnorderedElementsAre("url", "events"));
    EXPECT_THAT(fields_of(create_errors(
                    json::object{{"url", "https://example.com"}, {"events", json::array{}}})),
                ElementsAre("events"));
    EXPECT_THAT(
        fields_of(create_errors(json::object{{"url", "https://example.com"},
                                             {"events", json::array{"*", "distribution.viewed"}}})),
        ElementsAre("events[0]"));
    // An update sets any of them, and none is required.
    EXPECT_TRUE(decode_webhook_update(json::object{}, {}).ok());
    EXPECT_THAT(
        fields_of(decode_webhook_update(json::object{{"url", "http://example.com"}}, {}).errors),
        ElementsAre("url"));
}

TEST(WebhookRequest, OnlyHttpsWithoutTheFlag) {
    EXPECT_THAT(fields_of(url_errors("http://example.com/hook")), ElementsAre("url"));
    EXPECT_THAT(fields_of(url_errors("not a url")), ElementsAre("url"));
    EXPECT_THAT(fields_of(url_errors("https:///nohost")), ElementsAre("url"));
    EXPECT_THAT(fields_of(url_errors("https://user:pw@example.com/")), ElementsAre("url"));
    EXPECT_TRUE(url_errors("http://127.0.0.1:9000/hook", true).empty());
    EXPECT_THAT(fields_of(url_errors("ftp://127.0.0.1/", true)), ElementsAre("url"));
}

TEST(WebhookRequest, InternalAddressLiteralsAreRefusedUnlessAllowed) {
    for (const auto* url :
         {"https://127.0.0.1/", "https://127.8.9.10:8443/x", "https://10.0.0.5/",
          "https://172.16.0.1/", "https://172.31.255.255/", "https://192.168.1.1/",
          "https://169.254.169.254/latest/meta-data", "https://169.254.10.1/", "https://0.0.0.0/",
          "https://100.64.0.1/", "https://[::1]/", "https://[::]/", "https://[fe80::1]/",
          "https://[fc00::1]/", "https://[fd00:ec2::254]/", "https://[::ffff:127.0.0.1]/",
          "https://[::ffff:169.254.169.254]/", "https://[::ffff:a9fe:a9fe]/",
          "https://[64:ff9b::a00:1]/"}) {
        EXPECT_THAT(fields_of(url_errors(url)), ElementsAre("url")) << url;
        EXPECT_TRUE(url_errors(url, true).empty()) << url;
    }
    EXPECT_TRUE(url_errors("https://172.32.0.1/").empty());
    EXPECT_TRUE(url_errors("https://192.169.0.1/").empty());
}

TEST(NetworkAddress, KindsOfInternalAddresses) {
    EXPECT_EQ(internal_address_kind("127.0.0.1"), "loopback");
    EXPECT_EQ(internal_address_kind("::1"), "loopback");
    EXPECT_EQ(internal_address_kind("10.1.2.3"), "private");
    EXPECT_EQ(internal_address_kind("169.254.169.254"), "cloud metadata");
    EXPECT_EQ(internal_address_kind("fd00:ec2::254"), "cloud metadata");
    EXPECT_EQ(internal_address_kind("::ffff:10.0.0.1"), "private");
    EXPECT_EQ(internal_address_kind("fe80::abcd"), "link-local");
    EXPECT_EQ(internal_address_kind("fd12:3456::1"), "unique-local");
    EXPECT_EQ(internal_address_kind("93.184.216.34"), std::nullopt);
    EXPECT_EQ(internal_address_kind("2606:2800:220:1::1"), std::nullopt);
    EXPECT_EQ(internal_address_kind("example.com"), std::nullopt);
    EXPECT_TRUE(is_ip_literal("::ffff:1.2.3.4"));
    EXPECT_FALSE(is_ip_literal("localhost"));
}

TEST(WebhookSecret, IsWhsecAndBase64Of32RandomBytes) {
    const auto a = new_webhook_secret();
    const auto b = new_webhook_secret();
    EXPECT_NE(a, b);
    ASSERT_TRUE(a.starts_with("whsec_"));
    EXPECT_EQ(a.size(), 6u + 44u);
    const auto key = secret_key(a);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->size(), 32u);
    EXPECT_EQ(base64_encode(*key), a.substr(6));
    EXPECT_EQ(secret_key("sk_nothing"), std::nullopt);
    EXPECT_EQ(secret_key("whsec_not*base64"), std::nullopt);
}

TEST(WebhookSecret, Base64RoundTripsEveryLength) {
    std::string bytes;
    for (int n = 0; n < 40; ++n) {
        if (n > 0) {
            EXPECT_EQ(base64_decode(base64_encode(bytes)), bytes) << n;
        }
        bytes.push_back(static_cast<char>(n * 37));
    }
}

// The example of the Standard Webhooks specification and its reference libraries.
TEST(WebhookSignature, MatchesTheStandardWebhooksExample) {
    EXPECT_EQ(sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                   1614265330, R"({"test": 2432232314})"),
              "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
}

TEST(WebhookSignature, IsHmacSha256OfIdTimestampAndBodyWithTheDecodedKey) {
    const auto secret = new_webhook_secret();
    const auto key = *secret_key(secret);
    const std::string message = "evt-1.1700000000.{\"a\":1}";
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &length);
    EXPECT_EQ(sign(secret, "evt-1", 1700000000, "{\"a\":1}"),
              "v1," + base64_encode(std::string(reinterpret_cast<char*>(mac), length)));
}

TEST(WebhookSignature, DuringARotationBothSecretsSignForADay) {
    Webhook w;
    w.secret = new_webhook_secret();
    w.previous_secret = new_webhook_secret();
    w.previous_secret_until = 1000 + kPreviousSecretSeconds;
    const auto current = *sign(w.secret, "id", 5, "b");
    const auto previous = *sign(*w.previous_secret, "id", 5, "b");
    EXPECT_EQ(signature_header(w, 1000, "id", 5, "b"), current + " " + previous);
    EXPECT_EQ(signature_header(w, 1000 + kPreviousSecretSeconds, "id", 5, "b"), current);
}

TEST(WebhookSchedule, FollowsTheSpecWaitsAndGivesUpAfter24Hours) {
    std::vector<double> waits;
    double elapsed = 0;  // instantaneous attempts: only the waits count
    for (int failed = 1;; ++failed) {
        auto wait = retry_wait(failed, elapsed);
        if (!wait) break;
        waits.push_back(*wait);
        elapsed += *wait;
    }
    ASSERT_GE(waits.size(), 7u);
    EXPECT_THAT(std::vector<double>(waits.begin(), waits.begin() + 7),
                ElementsAre(5, 30, 120, 600, 1800, 3600, 3600));
    for (std::size_t i = 6; i < waits.size(); ++i) EXPECT_EQ(waits[i], 3600);
    EXPECT_LE(elapsed, 24 * 3600);
    EXPECT_GT(elapsed + 3600, 24 * 3600);
    EXPECT_EQ(waits.size() + 1, 29u);  // attempts in all: the first and 28 retries
}

TEST(WebhookSchedule, EachWaitCountsFromThePreviousFailureAndTheScaleShrinksAll) {
    EXPECT_EQ(retry_wait(1, 0), 5);
    EXPECT_EQ(retry_wait(2, 100), 30);
    EXPECT_EQ(retry_wait(12, 24 * 3600 - 3600), 3600);
    EXPECT_EQ(retry_wait(12, 24 * 3600 - 3599), std::nullopt);
    EXPECT_DOUBLE_EQ(*retry_wait(1, 0, 0.001), 0.005);
    EXPECT_DOUBLE_EQ(*retry_wait(3, 0.1, 0.001), 0.12);
    EXPECT_EQ(retry_wait(8, 86.0, 0.001), std::nullopt);
}

}  // namespace
}  // namespace coursedist::domain
