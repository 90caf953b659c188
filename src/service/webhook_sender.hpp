#pragma once
// What the webhook dispatcher hands a delivery to (events::HttpsWebhookSender): one POST, its
// outcome, and the host names the service resolves to check a target. Interfaces only, so that
// the service layer knows no network code.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace coursedist::service {

struct OutgoingWebhook {
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

struct WebhookOutcome {
    std::optional<int> status;  // the answer's status; nullopt when none came
    std::string error;          // why no answer came (refused, timeout, TLS, …); "" with one
    std::string excerpt;        // the first bytes of the answer's body
    std::chrono::milliseconds duration{0};
    bool delivered() const { return status && *status >= 200 && *status < 300; }
};

class WebhookSender {
  public:
    virtual ~WebhookSender() = default;
    // Never throws: every failure is an outcome.
    virtual WebhookOutcome send(const OutgoingWebhook& request) = 0;
};

// The addresses (text) a host name resolves to; empty when it does not resolve.
using ResolveHost = std::function<std::vector<std::string>(const std::string& host)>;

}  // namespace coursedist::service
