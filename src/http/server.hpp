#pragma once
// The HTTP/1.1 server: Boost.Beast with C++20 coroutines, one session per connection, every limit
// a named setting. Beast stays inside connection.cpp; the response head is
// response_head.cpp.

#include "http/message.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace coursedist::http {

struct ServerLimits {
    std::size_t body_limit = 1024 * 1024;  // 413 past this
    std::size_t header_limit = 16 * 1024;  // 431 past this
    std::chrono::milliseconds header_read_timeout{10'000};
    std::chrono::milliseconds body_read_timeout{30'000};
    std::chrono::milliseconds keep_alive_idle{60'000};
    std::size_t max_connections = 10'000;  // further connections are closed at accept
    std::chrono::milliseconds drain_timeout{10'000};
};

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0: any free port (see bound_port())
    int threads = 2;
    ServerLimits limits;
};

// Called for every complete request on a server thread. Must not throw (the server answers a
// bare 500 if it does). The server sets X-Request-ID, Content-Length, Date and keep-alive.
using RequestHandler = std::function<Response(Request&)>;
// Called after each response with (method, status, seconds) for access logs and metrics.
using ResponseObserver = std::function<void(const Request&, int status, double seconds)>;

class Server {
  public:
    Server(ServerOptions options, RequestHandler handler, ResponseObserver observer = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and listens; throws std::runtime_error with a clear message when it cannot.
    void listen();
    std::uint16_t bound_port() const;
    // Runs the threads until stop() completes; returns after the drain.
    void run();
    // Stops accepting, lets in-flight requests finish (up to drain_timeout), then closes idle
    // connections and returns from run(). Safe from any thread and from a signal watcher.
    void stop();
    std::size_t open_connections() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace coursedist::http
