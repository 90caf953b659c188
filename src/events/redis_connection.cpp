#include "events/redis_connection.hpp"

#include <boost/url/parse.hpp>

#include <charconv>

namespace coursedist::events {

namespace {

timeval to_timeval(std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return tv;
}

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<RedisEndpoint> parse_redis_uri(std::string_view uri) {
    auto parsed = boost::urls::parse_uri(uri);
    if (!parsed || parsed->scheme() != "redis") return std::nullopt;
    RedisEndpoint endpoint;
    if (!parsed->has_authority() || parsed->host().empty()) return std::nullopt;
    endpoint.host = parsed->host_address();
    if (endpoint.host.starts_with('[') && endpoint.host.ends_with(']'))
        endpoint.host = endpoint.host.substr(1, endpoint.host.size() - 2);
    if (parsed->has_port()) {
        auto port = parse_int(parsed->port());
        if (!port || *port < 1 || *port > 65535) return std::nullopt;
        endpoint.port = *port;
    }
    if (parsed->has_password()) endpoint.password = parsed->password();
    std::string_view path = parsed->encoded_path();
    if (path.starts_with('/')) path.remove_prefix(1);
    if (!path.empty()) {
        auto db = parse_int(path);
        if (!db || *db < 0) return std::nullopt;
        endpoint.db = *db;
    }
    return endpoint;
}

RedisConnection::RedisConnection(RedisEndpoint endpoint, std::chrono::milliseconds timeout)
    : endpoint_(std::move(endpoint)), timeout_(timeout) {}

RedisConnection::~RedisConnection() {
    disconnect();
}

void RedisConnection::disconnect() {
    if (context_) redisFree(context_);
    context_ = nullptr;
}

void RedisConnection::ensure_connected() {
    if (context_) return;
    redisContext* context =
        redisConnectWithTimeout(endpoint_.host.c_str(), endpoint_.port, to_timeval(timeout_));
    if (!context) throw RedisUnavailable("redis: cannot allocate a connection");
    if (context->err) {
        std::string reason = context->errstr;
        redisFree(context);
        throw RedisUnavailable("redis " + endpoint_.host + ":" + std::to_string(endpoint_.port) +
                               ": " + reason);
    }
    redisSetTimeout(context, to_timeval(timeout_));
    context_ = context;
    // AUTH and SELECT answer with an error reply on a wrong password or db: that is a
    // configuration problem the operator must see, reported like an unreachable server.
    auto expect_ok = [this](std::vector<std::string> argv) {
        auto reply = command(argv);
        if (reply && reply->type == REDIS_REPLY_ERROR) {
            std::string reason(reply->str, reply->len);
            disconnect();
            throw RedisUnavailable("redis " + argv.front() + ": " + reason);
        }
    };
    if (!endpoint_.password.empty()) expect_ok({"AUTH", endpoint_.password});
    if (endpoint_.db != 0) expect_ok({"SELECT", std::to_string(endpoint_.db)});
}

void RedisConnection::set_timeout(std::chrono::milliseconds timeout) {
    timeout_ = timeout;
    if (context_) redisSetTimeout(context_, to_timeval(timeout_));
}

RedisReply RedisConnection::command(const std::vector<std::string>& argv) {
    auto replies = pipeline({argv});
    return std::move(replies.front());
}

std::vector<RedisReply> RedisConnection::pipeline(
    const std::vector<std::vector<std::string>>& commands) {
    ensure_connected();
    auto fail = [this](std::string_view what) {
        std::string reason = context_->errstr;
        disconnect();
        throw RedisUnavailable("redis " + std::string(what) + ": " + reason);
    };
    std::vector<const char*> args;
    std::vector<std::size_t> lengths;
    for (const auto& argv : commands) {
        args.clear();
        lengths.clear();
        for (const auto& arg : argv) {
            args.push_back(arg.data());
            lengths.push_back(arg.size());
        }
        if (redisAppendCommandArgv(context_, static_cast<int>(argv.size()), args.data(),
                                   lengths.data()) != REDIS_OK)
            fail("write");
    }
    std::vector<RedisReply> replies;
    replies.reserve(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) {
        void* reply = nullptr;
        if (redisGetReply(context_, &reply) != REDIS_OK || !reply) fail("read");
        replies.emplace_back(static_cast<redisReply*>(reply));
    }
    return replies;
}

}  // namespace coursedist::events
