// Runs redis-server for black-box tests (fork + exec on a free port, PING until it answers).
#include "support/redis_server.hpp"

#include <fcntl.h>
#include <hiredis/hiredis.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <thread>

namespace coursedist::testing {

namespace {

constexpr auto kStartTimeout = std::chrono::seconds(20);
constexpr auto kPollInterval = std::chrono::milliseconds(20);
constexpr const char* kRedisServer = "redis-server";

// The kernel's choice for port 0: free now, and redis-server binds it right after.
std::uint16_t free_loopback_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket() failed");
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot bind a loopback port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

struct ReplyFree {
    void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyFree>;

Reply run(redisContext* context, const std::vector<std::string>& argv) {
    std::vector<const char*> args;
    std::vector<std::size_t> lengths;
    for (const auto& a : argv) {
        args.push_back(a.data());
        lengths.push_back(a.size());
    }
    auto* reply = static_cast<redisReply*>(
        redisCommandArgv(context, static_cast<int>(argv.size()), args.data(), lengths.data()));
    if (!reply) throw std::runtime_error(std::string("redis: ") + context->errstr);
    if (reply->type == REDIS_REPLY_ERROR) {
        std::string error(reply->str, reply->len);
        freeReplyObject(reply);
        throw std::runtime_error("redis error: " + error);
    }
    return Reply(reply);
}

bool answers_ping(std::uint16_t port) {
    timeval timeout{1, 0};
    redisContext* context = redisConnectWithTimeout("127.0.0.1", port, timeout);
    bool ok = false;
    if (context && !context->err) {
        auto* reply = static_cast<redisReply*>(redisCommand(context, "PING"));
        ok = reply && reply->type == REDIS_REPLY_STATUS;
        if (reply) freeReplyObject(reply);
    }
    if (context) redisFree(context);
    return ok;
}

}  // namespace

bool RedisServer::installed() {
    return std::system("command -v redis-server >/dev/null 2>&1") == 0;
}

RedisServer::RedisServer() : port_(free_loopback_port()) {
    start();
}

RedisServer::~RedisServer() {
    stop();
}

void RedisServer::start() {
    if (pid_ > 0) return;
    std::string port = std::to_string(port_);
    std::string dir = dir_.path().string();
    std::string log = (dir_.path() / "redis.log").string();
    int pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        // Not the test's stdout/stderr: those are ctest's pipes, and a redis-server outliving a
        // crashed test (a sanitizer abort) would keep them open until ctest's timeout.
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (out >= 0) {
            ::dup2(out, STDOUT_FILENO);
            ::dup2(out, STDERR_FILENO);
            ::close(out);
        }
        ::execlp(kRedisServer, kRedisServer, "--port", port.c_str(), "--bind", "127.0.0.1",
                 "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.c_str(),
                 "--logfile", log.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    pid_ = pid;
    auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    while (!answers_ping(port_)) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("redis-server exited at start (port " + port + ")");
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            stop();
            throw std::runtime_error("redis-server did not answer PING on port " + port);
        }
        std::this_thread::sleep_for(kPollInterval);
    }
}

void RedisServer::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    pid_ = -1;
}

std::optional<std::string> StreamEntry::field(std::string_view name) const {
    for (const auto& [key, value] : fields)
        if (key == name) return value;
    return std::nullopt;
}

RedisClient::RedisClient(std::uint16_t port) {
    timeval timeout{5, 0};
    context_ = redisConnectWithTimeout("127.0.0.1", port, timeout);
    if (!context_ || context_->err) {
        std::string reason = context_ ? context_->errstr : "out of memory";
        if (context_) redisFree(context_);
        throw std::runtime_error("cannot connect to redis on port " + std::to_string(port) + ": " +
                                 reason);
    }
    redisSetTimeout(context_, timeout);
}

RedisClient::~RedisClient() {
    if (context_) redisFree(context_);
}

std::vector<StreamEntry> RedisClient::xrange(const std::string& stream) {
    auto reply = run(context_, {"XRANGE", stream, "-", "+"});
    std::vector<StreamEntry> entries;
    for (std::size_t i = 0; i < reply->elements; ++i) {
        const redisReply* entry = reply->element[i];
        StreamEntry e;
        e.id.assign(entry->element[0]->str, entry->element[0]->len);
        const redisReply* fields = entry->element[1];
        for (std::size_t f = 0; f + 1 < fields->elements; f += 2)
            e.fields.emplace_back(
                std::string(fields->element[f]->str, fields->element[f]->len),
                std::string(fields->element[f + 1]->str, fields->element[f + 1]->len));
        entries.push_back(std::move(e));
    }
    return entries;
}

long long RedisClient::xlen(const std::string& stream) {
    return run(context_, {"XLEN", stream})->integer;
}

std::string RedisClient::xadd(const std::string& stream,
                              const std::vector<std::pair<std::string, std::string>>& fields) {
    std::vector<std::string> argv{"XADD", stream, "*"};
    for (const auto& [field, value] : fields) {
        argv.push_back(field);
        argv.push_back(value);
    }
    auto reply = run(context_, argv);
    return std::string(reply->str, reply->len);
}

long long RedisClient::pending(const std::string& stream, const std::string& group) {
    return run(context_, {"XPENDING", stream, group})->element[0]->integer;
}

std::vector<std::string> RedisClient::consumers(const std::string& stream,
                                                const std::string& group) {
    auto reply = run(context_, {"XINFO", "CONSUMERS", stream, group});
    std::vector<std::string> names;
    // Each consumer is a flat list of field names and values (RESP2).
    for (std::size_t i = 0; i < reply->elements; ++i) {
        const redisReply* consumer = reply->element[i];
        for (std::size_t f = 0; f + 1 < consumer->elements; f += 2)
            if (std::string_view(consumer->element[f]->str, consumer->element[f]->len) == "name")
                names.emplace_back(consumer->element[f + 1]->str, consumer->element[f + 1]->len);
    }
    return names;
}

void RedisClient::command(const std::vector<std::string>& argv) {
    run(context_, argv);
}

}  // namespace coursedist::testing
