#pragma once
// A real `redis-server` for black-box tests: a free loopback port, no persistence, a private
// working directory; stop() and start() keep the port so a service configured with uri() finds
// it again. And a small hiredis client to look at what landed on a stream.

#include "support/service_process.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

struct redisContext;

namespace coursedist::testing {

class RedisServer {
  public:
    // Starts the server and waits until it answers PING (throws std::runtime_error otherwise).
    RedisServer();
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    // False when no redis-server is installed: tests then GTEST_SKIP.
    static bool installed();

    std::uint16_t port() const { return port_; }
    std::string uri() const { return "redis://127.0.0.1:" + std::to_string(port_); }
    void stop();   // SIGTERM, wait for exit; the data is gone (no persistence)
    void start();  // on the same port
    bool running() const { return pid_ > 0; }

  private:
    TempDir dir_;
    std::uint16_t port_ = 0;
    int pid_ = -1;
};

struct StreamEntry {
    std::string id;
    std::vector<std::pair<std::string, std::string>> fields;  // as written, in order
    // The value of `name`, or nullopt if the entry has no such field.
    std::optional<std::string> field(std::string_view name) const;
};

class RedisClient {
  public:
    explicit RedisClient(std::uint16_t port);
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    // XRANGE stream - + (every entry, oldest first); empty when the stream does not exist.
    std::vector<StreamEntry> xrange(const std::string& stream);
    long long xlen(const std::string& stream);
    // XADD stream * field value …; returns the new entry's id.
    std::string xadd(const std::string& stream,
                     const std::vector<std::pair<std::string, std::string>>& fields);
    // XPENDING stream group: entries delivered to the group but not acknowledged.
    long long pending(const std::string& stream, const std::string& group);
    // XINFO CONSUMERS stream group: the names of the group's consumers.
    std::vector<std::string> consumers(const std::string& stream, const std::string& group);
    // Any other command whose reply does not matter (XGROUP SETID, DEL …); throws on an error.
    void command(const std::vector<std::string>& argv);

  private:
    redisContext* context_ = nullptr;
};

}  // namespace coursedist::testing
