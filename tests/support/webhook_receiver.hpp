#pragma once
// A webhook receiver for black-box tests (issue 17): an HTTP server on 127.0.0.1 (port 0) that
// records every request it gets and answers each with the status the test chooses. In TLS mode it
// presents a self-signed certificate made at start, so a client that verifies certificates
// refuses it. Stops by itself at destruction.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace coursedist::testing {

struct ReceivedWebhook {
    std::string target;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;
    int answered = 0;  // the status sent back
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class WebhookReceiver {
  public:
    enum class Mode { Http, SelfSignedTls };
    explicit WebhookReceiver(Mode mode = Mode::Http);
    ~WebhookReceiver();
    WebhookReceiver(const WebhookReceiver&) = delete;
    WebhookReceiver& operator=(const WebhookReceiver&) = delete;

    std::uint16_t port() const { return port_; }
    // http(s)://127.0.0.1:<port><path>
    std::string url(const std::string& path = "/hook") const;

    // The status for the n-th request (0-based); 200 for each by default.
    void answer_with(std::function<int(const ReceivedWebhook&, std::size_t n)> choose);
    std::vector<ReceivedWebhook> received() const;
    // Connections accepted, whether or not a request came over them.
    std::size_t connections() const { return connections_; }

  private:
    struct Server;
    void serve();
    void handle(int fd);

    Mode mode_;
    std::unique_ptr<Server> server_;
    std::uint16_t port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> connections_{0};
    mutable std::mutex mutex_;
    std::function<int(const ReceivedWebhook&, std::size_t)> choose_;  // guarded by mutex_
    std::vector<ReceivedWebhook> received_;                           // guarded by mutex_
    std::thread thread_;
};

}  // namespace coursedist::testing
