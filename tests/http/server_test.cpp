// The HTTP server against a real socket: keep-alive, limits, request ids, failures, streaming and
// graceful stop.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "support/http_client.hpp"

namespace coursedist::http {
namespace {

using coursedist::testing::HttpClient;
using namespace std::chrono_literals;

class RunningServer {
  public:
    explicit RunningServer(RequestHandler handler, ServerLimits limits = {}, int threads = 2) {
        ServerOptions options;
        options.address = "127.0.0.1";
        options.port = 0;
        options.threads = threads;
        options.limits = limits;
        server_ = std::make_unique<Server>(options, std::move(handler),
                                           [this](const Request&, int status, double seconds) {
                                               std::lock_guard lock(mutex_);
                                               observed_.emplace_back(status, seconds);
                                           });
        server_->listen();
        thread_ = std::thread([this] {
            server_->run();
            returned_ = true;
        });
    }
    ~RunningServer() {
        server_->stop();
        if (thread_.joinable()) thread_.join();
    }
    std::uint16_t port() const { return server_->bound_port(); }
    Server& server() { return *server_; }
    // Joins the run() thread; false if it did not return within `timeout`.
    bool wait_returned(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!returned_ && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
        }
        if (!returned_) return false;
        thread_.join();
        return true;
    }
    std::vector<std::pair<int, double>> observed() {
        std::lock_guard lock(mutex_);
        return observed_;
    }

  private:
    std::unique_ptr<Server> server_;
    std::thread thread_;
    std::atomic<bool> returned_{false};
    std::mutex mutex_;
    std::vector<std::pair<int, double>> observed_;
};

Response echo(Request& request) {
    if (request.path == "/throw") throw std::runtime_error("secret database password hunter2");
    if (request.path == "/status") {
        auto response = text_response(std::stoi(request.body), "the body", "text/plain");
        response.set("X-Split", "a\r\nSet-Cookie: stolen=1");
        response.set("Bad Name", "value");
        response.set("X-Fine", "kept");
        return response;
    }
    if (request.path == "/shared") {
        static const auto kept = std::make_shared<const std::string>("kept elsewhere");
        auto response = text_response(200, "", "text/plain");
        response.shared_body = kept;
        return response;
    }
    if (request.path == "/slow") {
        std::this_thread::sleep_for(300ms);
        return json_response(200, R"({"slow":true})");
    }
    if (request.path == "/stream") {
        auto count = std::make_shared<int>(0);
        Response response;
        response.set("Content-Type", "text/event-stream");
        response.stream = std::make_shared<StreamingBody>();
        response.stream->next = [count](ChunkReady ready) {
            if (*count == 3) return ready(std::nullopt);
            ++*count;
            ready("data: " + std::to_string(*count) + "\n\n");
        };
        return response;
    }
    std::string query;
    for (const auto& [key, value] : request.query) query += key + "=" + value + ";";
    auto response = text_response(200, request.body, "text/plain");
    response.set("X-Method", request.method);
    response.set("X-Path", request.path);
    response.set("X-Query", query);
    response.set("X-Client", request.client_address);
    response.set("X-Seen-Header", std::string(request.header("x-custom").value_or("")));
    return response;
}

TEST(Server, AnswersAndEchoesTheBody) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto response =
        client.request("POST", "/echo/caf%C3%A9?a=1&b=x%20y+z", "hello", {{"X-Custom", "yes"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "hello");
    EXPECT_EQ(response.header("content-length"), "5");
    EXPECT_EQ(response.header("server"), "coursedist");
    EXPECT_TRUE(response.header("date").has_value());
    EXPECT_EQ(response.header("x-method"), "POST");
    EXPECT_EQ(response.header("x-path"), "/echo/caf\xC3\xA9");
    EXPECT_EQ(response.header("x-query"), "a=1;b=x y z;");
    EXPECT_EQ(response.header("x-client"), "127.0.0.1");
    EXPECT_EQ(response.header("x-seen-header"), "yes");
}

TEST(Server, KeepsTheConnectionAlive) {
    RunningServer running(echo);
    HttpClient client(running.port());
    EXPECT_EQ(client.request("POST", "/one", "1").body, "1");
    EXPECT_EQ(running.server().open_connections(), 1u);
    const auto second = client.request("POST", "/two", "2");
    EXPECT_EQ(second.body, "2");
    EXPECT_NE(second.header("connection"), "close");
    EXPECT_EQ(running.server().open_connections(), 1u);  // still the same connection

    // Two requests in one write (pipelined) are answered in order.
    const auto raw = client.raw(
        "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: "
        "close\r\n\r\n");
    const auto first_at = raw.find("X-Path: /a");
    const auto second_at = raw.find("X-Path: /b");
    ASSERT_NE(first_at, std::string::npos) << raw;
    ASSERT_NE(second_at, std::string::npos) << raw;
    EXPECT_LT(first_at, second_at);
}

TEST(Server, EchoesAValidRequestIdAndGeneratesOtherwise) {
    RunningServer running(echo);
    HttpClient client(running.port());
    EXPECT_EQ(client.get("/", {{"X-Request-ID", "abc-123_x.y"}}).header("x-request-id"),
              "abc-123_x.y");

    const auto generated = client.get("/").header("x-request-id");
    ASSERT_TRUE(generated.has_value());
    EXPECT_GE(generated->size(), 16u);
    EXPECT_NE(client.get("/").header("x-request-id"), generated);

    const auto invalid = client.get("/", {{"X-Request-ID", "bad id with spaces"}});
    ASSERT_TRUE(invalid.header("x-request-id").has_value());
    EXPECT_NE(invalid.header("x-request-id"), "bad id with spaces");

    const auto too_long = client.get("/", {{"X-Request-ID", std::string(129, 'a')}});
    EXPECT_NE(too_long.header("x-request-id"), std::string(129, 'a'));
}

TEST(Server, RefusesABodyOverTheLimit) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto response = client.request("POST", "/big", std::string(1024 * 1024 + 1, 'x'),
                                         {{"X-Request-ID", "big-body"}});
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(response.header("content-type"), "application/problem+json");
    EXPECT_NE(response.body.find(R"("status":413)"), std::string::npos);
    EXPECT_EQ(response.header("x-request-id"), "big-body");
    EXPECT_EQ(response.header("connection"), "close");

    // Exactly at the limit is fine.
    EXPECT_EQ(client.request("POST", "/ok", std::string(1024 * 1024, 'x')).status, 200);
}

TEST(Server, RefusesAHeaderOverTheLimitAndCloses) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto response = client.get("/", {{"X-Huge", std::string(200 * 1000, 'h')}});
    EXPECT_EQ(response.status, 431);
    EXPECT_EQ(response.header("content-type"), "application/problem+json");
    EXPECT_EQ(response.header("connection"), "close");
    EXPECT_TRUE(response.header("x-request-id").has_value());

    // With raw bytes: the answer arrives and then the server closes (raw returns on close).
    const auto raw =
        HttpClient(running.port())
            .raw("GET / HTTP/1.1\r\nHost: x\r\nX-Huge: " + std::string(200 * 1000, 'h') +
                 "\r\n\r\n");
    EXPECT_EQ(raw.rfind("HTTP/1.1 431", 0), 0u) << raw.substr(0, 200);
}

TEST(Server, AnswersGarbageWith400) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto raw = client.raw("THIS IS NOT HTTP\r\n\r\n");
    EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
    EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
    EXPECT_NE(raw.find("X-Request-ID: "), std::string::npos);
}

TEST(Server, RefusesPathTraversal) {
    RunningServer running(echo);
    HttpClient client(running.port());
    EXPECT_EQ(client.get("/a/..%2f..%2fetc/passwd").status, 400);
    EXPECT_EQ(client.get("/a/%2e%2e/etc/passwd").status, 400);
    EXPECT_EQ(client.get("/a/../etc/passwd").status, 400);
    EXPECT_EQ(client.get("/a/b%2Fc").status, 400);
    EXPECT_EQ(client.get("/a/b%00c").status, 400);
    EXPECT_EQ(client.get("/a/%zz").status, 400);
    EXPECT_EQ(client.get("/a/b%20c").status, 200);
}

// The response head is written by the server itself: framing by status and method, HTTP/1.0
// keep-alive, and no header that could split the response.
TEST(Server, FramesResponsesByStatusMethodAndVersion) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto ok = client.request("POST", "/status", "200");
    EXPECT_EQ(ok.body, "the body");
    EXPECT_EQ(ok.header("content-length"), "8");
    EXPECT_EQ(ok.header("x-fine"), "kept");
    EXPECT_EQ(ok.header("x-split"), std::nullopt);
    EXPECT_EQ(ok.header("set-cookie"), std::nullopt);
    EXPECT_EQ(ok.header("bad name"), std::nullopt);

    const auto not_modified = client.raw(
        "POST /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 3\r\n\r\n304");
    EXPECT_TRUE(not_modified.starts_with("HTTP/1.1 304 Not Modified\r\n")) << not_modified;
    EXPECT_EQ(not_modified.find("Content-Length"), std::string::npos) << not_modified;
    EXPECT_EQ(not_modified.find("the body"), std::string::npos) << not_modified;

    const auto head = client.raw("HEAD /anything HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_TRUE(head.starts_with("HTTP/1.1 200 OK\r\n")) << head;
    EXPECT_NE(head.find("Content-Length: 0\r\n"), std::string::npos) << head;

    const auto old_client =
        client.raw("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
    EXPECT_TRUE(old_client.starts_with("HTTP/1.0 200 OK\r\n")) << old_client;
    EXPECT_NE(old_client.find("Connection: keep-alive\r\n"), std::string::npos) << old_client;
    EXPECT_NE(old_client.find("X-Path: /b"), std::string::npos) << old_client;
}

TEST(Server, SendsASharedBody) {
    RunningServer running(echo);
    HttpClient client(running.port());
    for (int i = 0; i < 2; ++i) {
        const auto response = client.get("/shared");
        EXPECT_EQ(response.body, "kept elsewhere");
        EXPECT_EQ(response.header("content-length"), "14");
    }
}

TEST(Server, HandlerExceptionGivesABare500) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto response = client.get("/throw", {{"X-Request-ID", "oops"}});
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.header("content-type"), "application/problem+json");
    EXPECT_EQ(response.body,
              R"({"type":"about:blank","title":"Internal Server Error","status":500})");
    EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
    EXPECT_EQ(response.header("x-request-id"), "oops");
    // The connection survives.
    EXPECT_EQ(client.get("/fine").status, 200);
}

TEST(Server, ObserverSeesEveryResponse) {
    RunningServer running(echo);
    HttpClient client(running.port());
    client.get("/a");
    client.get("/throw");
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (running.observed().size() < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    const auto observed = running.observed();
    ASSERT_EQ(observed.size(), 2u);
    EXPECT_EQ(observed[0].first, 200);
    EXPECT_EQ(observed[1].first, 500);
    EXPECT_GE(observed[0].second, 0.0);
}

// Deferred responses: the handler returns at once and parks its finish here; the test finishes
// them from its own thread, as the group commit does from the committing one.
class ParkedResponses {
  public:
    RequestHandler handler() {
        return [this](Request& request) {
            if (request.path != "/deferred") return echo(request);
            return deferred_response([this](FinishResponse finish) {
                std::lock_guard lock(mutex_);
                parked_.push_back(std::move(finish));
            });
        };
    }
    // Waits until `n` responses are parked.
    bool wait_for(std::size_t n) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            {
                std::lock_guard lock(mutex_);
                if (parked_.size() >= n) return true;
            }
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
    void finish(std::size_t i, MakeResponse make) {
        FinishResponse finish;
        {
            std::lock_guard lock(mutex_);
            finish = parked_.at(i);
        }
        finish(std::move(make));
    }

  private:
    std::mutex mutex_;
    std::vector<FinishResponse> parked_;
};

// GET /deferred on a connection of its own, answered once the test finishes it.
std::future<coursedist::testing::HttpResponse> get_deferred(std::uint16_t port) {
    return std::async(std::launch::async, [port] {
        HttpClient client(port);
        return client.get("/deferred");
    });
}

TEST(Server, AWaitingDeferredResponseHoldsNoThread) {
    ParkedResponses parked;
    RunningServer running(parked.handler(), {}, /*threads=*/1);
    HttpClient waiting_client(running.port());
    auto waiting = std::async(std::launch::async,
                              [&waiting_client] { return waiting_client.get("/deferred"); });
    ASSERT_TRUE(parked.wait_for(1));

    // The server's only thread is free while the first request waits.
    HttpClient other(running.port());
    EXPECT_EQ(other.request("POST", "/meanwhile", "free").body, "free");

    parked.finish(0, [] { return text_response(202, "finished later", "text/plain"); });
    const auto response = waiting.get();
    EXPECT_EQ(response.status, 202);
    EXPECT_EQ(response.body, "finished later");
    // The connection carries on like after any other response.
    EXPECT_EQ(waiting_client.request("POST", "/next", "again").body, "again");
}

TEST(Server, ADeferredResponseThatFailsGivesABare500) {
    ParkedResponses parked;
    RunningServer running(parked.handler());
    auto waiting = get_deferred(running.port());
    ASSERT_TRUE(parked.wait_for(1));
    parked.finish(0, []() -> Response { throw std::runtime_error("secret hunter2"); });
    const auto response = waiting.get();
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
}

TEST(Server, StopWaitsForADeferredResponse) {
    ParkedResponses parked;
    RunningServer running(parked.handler());
    auto waiting = get_deferred(running.port());
    ASSERT_TRUE(parked.wait_for(1));
    running.server().stop();
    parked.finish(0, [] { return text_response(200, "committed", "text/plain"); });
    const auto response = waiting.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "committed");
    EXPECT_TRUE(running.wait_returned(30s));
}

TEST(Server, StopLetsAnInFlightRequestFinish) {
    RunningServer running(echo);
    HttpClient idle(running.port());
    ASSERT_EQ(idle.get("/warm-up").status, 200);  // an idle keep-alive connection

    auto slow = std::async(std::launch::async, [port = running.port()] {
        HttpClient client(port);
        return client.get("/slow");
    });
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (running.server().open_connections() < 2 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(50ms);  // let the request reach the handler
    running.server().stop();

    const auto response = slow.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, R"({"slow":true})");
    EXPECT_EQ(response.header("connection"), "close");
    EXPECT_TRUE(running.wait_returned(30s));
    EXPECT_THROW(HttpClient(running.port()).get("/after"), std::runtime_error);
}

TEST(Server, StreamsChunks) {
    RunningServer running(echo);
    HttpClient client(running.port());
    const auto response = client.get("/stream", {{"X-Request-ID", "stream-1"}});
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.header("transfer-encoding"), "chunked");
    EXPECT_EQ(response.header("content-type"), "text/event-stream");
    EXPECT_EQ(response.header("x-request-id"), "stream-1");
    EXPECT_EQ(response.body, "data: 1\n\ndata: 2\n\ndata: 3\n\n");
}

// A stream whose producer never answers: parked here, like a feed waiting for its next event.
class ParkedChunks {
  public:
    RequestHandler handler() {
        return [this](Request&) {
            Response response;
            response.stream = std::make_shared<StreamingBody>();
            response.stream->next = [this](ChunkReady ready) {
                std::lock_guard lock(mutex_);
                parked_.push_back(std::move(ready));
            };
            response.stream->cancel = [this] { ++cancelled_; };
            return response;
        };
    }
    bool wait_for(std::size_t n) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            {
                std::lock_guard lock(mutex_);
                if (parked_.size() >= n) return true;
            }
            std::this_thread::sleep_for(5ms);
        }
        return false;
    }
    // Answers every parked request for a chunk with `chunk`.
    void answer_all(const std::optional<std::string>& chunk) {
        std::vector<ChunkReady> parked;
        {
            std::lock_guard lock(mutex_);
            parked.swap(parked_);
        }
        for (auto& ready : parked) ready(chunk);
    }
    int cancelled() const { return cancelled_.load(); }

  private:
    std::mutex mutex_;
    std::vector<ChunkReady> parked_;
    std::atomic<int> cancelled_{0};
};

TEST(Server, StopEndsAStreamWaitingForItsNextChunk) {
    ParkedChunks chunks;
    RunningServer running(chunks.handler());
    auto reader = std::async(std::launch::async, [port = running.port()] {
        HttpClient client(port);
        return client.get("/events");
    });
    ASSERT_TRUE(chunks.wait_for(1));
    running.server().stop();
    EXPECT_TRUE(running.wait_returned(30s));
    const auto response = reader.get();
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");
    EXPECT_EQ(chunks.cancelled(), 1);
    chunks.answer_all("too late\n");  // a chunk after the stream ended goes nowhere
}

// Open streams hold no thread: 64 of them on a server with 2 threads all wait for their next
// chunk at once, a plain request is still answered meanwhile, and every stream gets the chunk.
TEST(Server, ManyOpenStreamsHoldNoThread) {
    constexpr std::size_t kStreams = 64;
    ParkedChunks chunks;
    RunningServer running(
        [&chunks](Request& request) {
            if (request.path == "/plain") return text_response(200, "still here", "text/plain");
            return chunks.handler()(request);
        },
        {}, /*threads=*/2);
    std::vector<std::future<std::string>> readers;
    for (std::size_t i = 0; i < kStreams; ++i) {
        readers.push_back(std::async(std::launch::async, [port = running.port()] {
            HttpClient client(port);
            return client.get("/events").body;
        }));
    }
    ASSERT_TRUE(chunks.wait_for(kStreams));
    EXPECT_EQ(HttpClient(running.port()).get("/plain").body, "still here");

    chunks.answer_all("data: news\n\n");
    ASSERT_TRUE(chunks.wait_for(kStreams));  // each stream asks for its next chunk
    chunks.answer_all(std::nullopt);         // and ends
    for (auto& reader : readers) EXPECT_EQ(reader.get(), "data: news\n\n");
}

TEST(Server, ClosesConnectionsBeyondTheLimit) {
    ServerLimits limits;
    limits.max_connections = 1;
    RunningServer running(echo, limits);
    HttpClient first(running.port());
    ASSERT_EQ(first.get("/").status, 200);
    HttpClient second(running.port());
    EXPECT_ANY_THROW(second.get("/"));
    EXPECT_EQ(first.get("/").status, 200);
}

TEST(Server, ClosesAConnectionThatStallsInTheHeader) {
    ServerLimits limits;
    limits.header_read_timeout = 200ms;
    limits.keep_alive_idle = 200ms;
    RunningServer running(echo, limits);
    HttpClient stalled(running.port());
    // No answer, just a close once the header timeout passes (raw returns on close).
    EXPECT_EQ(stalled.raw("GET / HTTP/1.1\r\nHost: x\r\n", 20'000), "");

    HttpClient idle(running.port());
    ASSERT_EQ(idle.get("/").status, 200);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (running.server().open_connections() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    EXPECT_EQ(running.server().open_connections(), 0u);
    EXPECT_EQ(idle.get("/again").status, 200);  // the client reconnects
}

TEST(Server, ListenFailureIsAClearError) {
    RunningServer running(echo);
    ServerOptions options;
    options.port = running.port();
    Server clash(options, echo);
    try {
        clash.listen();
        FAIL() << "listen on a used port succeeded";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:"), std::string::npos)
            << e.what();
    }
    ServerOptions bad;
    bad.address = "not an address";
    EXPECT_THROW(Server(bad, echo).listen(), std::runtime_error);
}

}  // namespace
}  // namespace coursedist::http
