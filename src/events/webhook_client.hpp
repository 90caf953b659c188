#pragma once
// The webhook dispatcher's HTTP(S) client (spec/webhooks.md, "Delivery"): one POST per call over
// a new connection, Beast/Asio with OpenSSL. The host name is resolved here and every address it
// resolves to is checked before any connection is made, so that a name cannot be made to point
// inward between the check and the connection (unless private targets are allowed). TLS is
// verified against the system's CA store with the host name (SNI too); redirects are answers like
// any other (not followed); the whole exchange has one deadline. Beast stays in the .cpp.

#include "service/webhook_sender.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace coursedist::events {

struct WebhookClientOptions {
    bool allow_private = false;                 // --webhook-allow-private
    std::chrono::milliseconds timeout{10'000};  // connect, TLS, request and answer together
    std::size_t excerpt_bytes = 1024;           // of the answer's body kept
};

class WebhookClient final : public service::WebhookSender {
  public:
    explicit WebhookClient(WebhookClientOptions options);
    ~WebhookClient() override;
    service::WebhookOutcome send(const service::OutgoingWebhook& request) override;

  private:
    struct Tls;
    WebhookClientOptions options_;
    std::unique_ptr<Tls> tls_;
};

// The addresses `host` resolves to (system resolver), as text; empty when it does not resolve.
std::vector<std::string> resolve_host(const std::string& host);

}  // namespace coursedist::events
