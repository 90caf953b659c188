#pragma once
// One blocking hiredis connection with timeouts. Not thread-safe: each worker owns its own.

#include <hiredis/hiredis.h>

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::events {

struct RedisEndpoint {
    std::string host = "127.0.0.1";
    int port = 6379;
    int db = 0;
    std::string password;  // from redis://:password@host:port/db, empty = none
};

// redis://[:password@]host[:port][/db]; nullopt when malformed.
std::optional<RedisEndpoint> parse_redis_uri(std::string_view uri);

// Connection lost or unreachable (retry later); a Redis error *reply* is not thrown but returned.
class RedisUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct ReplyDeleter {
    void operator()(redisReply* r) const { freeReplyObject(r); }
};
using RedisReply = std::unique_ptr<redisReply, ReplyDeleter>;

class RedisConnection {
  public:
    RedisConnection(RedisEndpoint endpoint, std::chrono::milliseconds timeout);
    ~RedisConnection();
    RedisConnection(const RedisConnection&) = delete;
    RedisConnection& operator=(const RedisConnection&) = delete;

    // Connects (AUTH, SELECT) if not connected; throws RedisUnavailable.
    void ensure_connected();
    bool connected() const { return context_ != nullptr; }
    void disconnect();

    // Sends one command (binary-safe arguments); reconnects first if needed. Throws
    // RedisUnavailable on I/O errors (and drops the connection so the next call reconnects).
    RedisReply command(const std::vector<std::string>& argv);
    // Pipelined: all commands written, then all replies read, in order.
    std::vector<RedisReply> pipeline(const std::vector<std::vector<std::string>>& commands);
    // For blocking reads (XREADGROUP BLOCK): the socket timeout for the next commands.
    void set_timeout(std::chrono::milliseconds timeout);

  private:
    RedisEndpoint endpoint_;
    std::chrono::milliseconds timeout_;
    redisContext* context_ = nullptr;
};

}  // namespace coursedist::events
