// The webhook client (issue 17, events/webhook_client.hpp) against receivers on 127.0.0.1: the
// POST and its answer, the excerpt kept, redirects taken as answers (not followed), the refusal
// of http:// and of internal addresses (a loopback literal or a name resolving to one) without a
// connection, an unverified certificate refused, and the deadline.

#include "events/webhook_client.hpp"
#include "support/webhook_receiver.hpp"

#include <gmock/gmock.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace coursedist::events {
namespace {

using ::testing::HasSubstr;
using testing::WebhookReceiver;

service::OutgoingWebhook post_to(const std::string& url) {
    return {url, {{"Content-Type", "application/json"}, {"webhook-id", "evt-1"}}, R"({"a":1})"};
}

TEST(WebhookClient, PostsTheBodyWithItsHeadersAndReadsTheAnswer) {
    WebhookReceiver receiver;
    WebhookClient client({.allow_private = true, .excerpt_bytes = 3});
    const auto outcome = client.send(post_to(receiver.url("/in?x=1")));
    EXPECT_TRUE(outcome.delivered()) << outcome.error;
    EXPECT_EQ(outcome.status, 200);
    EXPECT_EQ(outcome.excerpt, "tha");  // of "thanks"
    EXPECT_EQ(outcome.error, "");
    const auto received = receiver.received();
    ASSERT_EQ(received.size(), 1u);
    EXPECT_EQ(received[0].target, "/in?x=1");
    EXPECT_EQ(received[0].body, R"({"a":1})");
    EXPECT_EQ(received[0].header("webhook-id"), "evt-1");
    EXPECT_EQ(received[0].header("host"), "127.0.0.1:" + std::to_string(receiver.port()));
}

TEST(WebhookClient, ARedirectIsAnAnswerNotFollowed) {
    WebhookReceiver receiver;
    receiver.answer_with([](const testing::ReceivedWebhook&, std::size_t) { return 307; });
    WebhookClient client({.allow_private = true});
    const auto outcome = client.send(post_to(receiver.url()));
    EXPECT_FALSE(outcome.delivered());
    EXPECT_EQ(outcome.status, 307);
    EXPECT_EQ(receiver.received().size(), 1u);
}

TEST(WebhookClient, InternalTargetsAreRefusedWithoutAConnection) {
    WebhookReceiver receiver;
    WebhookClient client({});
    const auto port = std::to_string(receiver.port());
    EXPECT_THAT(client.send(post_to(receiver.url())).error, HasSubstr("not https"));
    for (const auto& url : {"https://127.0.0.1:" + port + "/", "https://localhost:" + port + "/",
                            "https://[::ffff:127.0.0.1]:" + port + "/"}) {
        const auto outcome = client.send(post_to(url));
        EXPECT_FALSE(outcome.status) << url;
        EXPECT_THAT(outcome.error, HasSubstr("loopback")) << url;
        EXPECT_THAT(outcome.error, HasSubstr("no connection made")) << url;
    }
    EXPECT_EQ(receiver.connections(), 0u);
}

TEST(WebhookClient, AnUnverifiedCertificateIsRefused) {
    WebhookReceiver receiver(WebhookReceiver::Mode::SelfSignedTls);
    WebhookClient client({.allow_private = true});
    const auto outcome = client.send(post_to(receiver.url()));
    EXPECT_FALSE(outcome.status);
    EXPECT_THAT(outcome.error, HasSubstr("certificate verify failed"));
    EXPECT_TRUE(receiver.received().empty());
}

TEST(WebhookClient, ATargetThatNeverAnswersTimesOut) {
    // Listening, never accepting: the connection is made (the kernel's backlog), no answer comes.
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(fd, 4), 0);
    ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
    WebhookClient client({.allow_private = true, .timeout = std::chrono::milliseconds(200)});
    const auto outcome =
        client.send(post_to("http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/"));
    ::close(fd);
    EXPECT_FALSE(outcome.status);
    EXPECT_THAT(outcome.error, HasSubstr("timeout"));
    EXPECT_GE(outcome.duration, std::chrono::milliseconds(200));
}

TEST(WebhookClient, NothingListeningIsAnError) {
    WebhookClient client({.allow_private = true});
    const auto outcome = client.send(post_to("http://127.0.0.1:1/"));
    EXPECT_FALSE(outcome.status);
    EXPECT_FALSE(outcome.error.empty());
}

TEST(WebhookClient, LocalhostResolvesToLoopback) {
    const auto addresses = resolve_host("localhost");
    ASSERT_FALSE(addresses.empty());
    EXPECT_THAT(addresses, ::testing::Contains("127.0.0.1"));
}

}  // namespace
}  // namespace coursedist::events
