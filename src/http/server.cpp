// The HTTP/1.1 server. The only translation unit that includes Beast and Asio.
//
// One coroutine per connection, running on its own strand: wait for a request (keep-alive idle
// timeout), read the header (header timeout, header limit), read the body (body timeout, body
// limit), call the handler, write the response, repeat. Streaming bodies are produced on a worker
// thread and written by the session as they arrive. stop() closes the acceptor, cancels sessions
// waiting for a next request, lets in-flight ones finish (up to drain_timeout) and then stops the
// io_context.
#include "http/server.hpp"

#include "http/target_decoding.hpp"

#include <spdlog/spdlog.h>
#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace coursedist::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

// Limits that are not configuration (yet) but still have names.
constexpr std::chrono::seconds kWriteTimeout{30};  // a client that stops reading
constexpr std::chrono::seconds kLingerTimeout{2};  // draining input after an error reply
constexpr std::size_t kLingerMaxBytes = 8 * 1024 * 1024;
constexpr std::size_t kStreamQueueMax = 16;  // chunks produced but not yet written
constexpr std::chrono::milliseconds kDrainPoll{10};
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};
constexpr std::size_t kMaxRequestIdLength = 128;

bool valid_request_id(std::string_view id) {
    if (id.empty() || id.size() > kMaxRequestIdLength) return false;
    return std::all_of(id.begin(), id.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 || c == '.' || c == '_' || c == '-';
    });
}

std::string generate_request_id() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(32, '0');
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < id.size(); ++i) {
        if (i % 16 == 0) bits = engine();
        id[i] = kHex[bits & 0xF];
        bits >>= 4;
    }
    return id;
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

Response problem(int status, std::string_view title, std::string_view detail) {
    // Titles and details are fixed strings from this file: nothing to escape.
    std::string body = R"({"type":"about:blank","title":")" + std::string(title) +
                       R"(","status":)" + std::to_string(status);
    if (!detail.empty()) body += R"(,"detail":")" + std::string(detail) + '"';
    body += '}';
    return text_response(status, std::move(body), "application/problem+json");
}

Response internal_error() {
    return problem(500, "Internal Server Error", "");
}

// Completion handler for detached coroutines: they catch what they expect, so anything
// arriving here is a bug worth a log line.
auto log_failure(const char* what) {
    return [what](std::exception_ptr e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            spdlog::error("http: {} failed: {}", what, ex.what());
        }
    };
}

// State shared between a session and the worker thread producing a streaming body.
struct StreamPipe {
    std::mutex mutex;
    std::condition_variable room;    // producer waits here while the queue is full
    std::deque<std::string> chunks;  // guarded by mutex
    bool done = false;               // producer finished; guarded by mutex
    std::atomic<bool> client_gone{false};
    asio::steady_timer* wakeup = nullptr;  // session strand only
};

// State shared between a session waiting for a deferred response and whoever finishes it.
struct DeferredSlot {
    std::mutex mutex;
    std::optional<MakeResponse> make;  // guarded by mutex
    // The session's strand while it waits (guarded by mutex). Not kept by the finish itself: a
    // finish may outlive the server, and a strand must not outlive its io_context.
    std::optional<asio::any_io_executor> executor;
    asio::steady_timer* wakeup = nullptr;  // session strand only
};

// Lets threads outside the server post to its executors only while the io_context exists.
struct Lifeline {
    std::mutex mutex;
    bool alive = true;  // guarded by mutex
};

}  // namespace

struct Server::Impl {
    struct SessionState {
        asio::any_io_executor executor;
        beast::tcp_stream* stream = nullptr;  // strand only
        bool idle = false;                    // strand only: waiting for the next request
    };

    ServerOptions options;
    RequestHandler handler;
    ResponseObserver observer;

    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> connections{0};
    std::atomic<std::uint16_t> port{0};

    std::mutex sessions_mutex;
    std::set<std::shared_ptr<SessionState>> sessions;

    std::shared_ptr<Lifeline> lifeline = std::make_shared<Lifeline>();

    std::mutex threads_mutex;
    std::condition_variable threads_done;
    std::size_t stream_threads = 0;  // guarded by threads_mutex

    // Explicitly destroyed first in ~Impl, so that coroutine frames destroyed with the
    // io_context can still touch the members above.
    std::unique_ptr<asio::io_context> ioc;
    std::optional<tcp::acceptor> acceptor;

    Impl(ServerOptions o, RequestHandler h, ResponseObserver obs)
        : options(std::move(o)),
          handler(std::move(h)),
          observer(std::move(obs)),
          ioc(std::make_unique<asio::io_context>(std::max(1, options.threads))) {
        acceptor.emplace(asio::make_strand(*ioc));
    }

    ~Impl() {
        wait_for_stream_threads();
        {
            std::lock_guard lock(lifeline->mutex);
            lifeline->alive = false;
        }
        acceptor.reset();
        ioc.reset();
    }

    void wait_for_stream_threads() {
        std::unique_lock lock(threads_mutex);
        threads_done.wait(lock, [this] { return stream_threads == 0; });
    }

    void listen() {
        const auto where = options.address + ":" + std::to_string(options.port);
        error_code ec;
        const auto address = asio::ip::make_address(options.address, ec);
        if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
        const tcp::endpoint endpoint{address, options.port};
        acceptor->open(endpoint.protocol(), ec);
        if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec) acceptor->bind(endpoint, ec);
        if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            error_code ignored;
            acceptor->close(ignored);
            throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
        }
        port = acceptor->local_endpoint().port();
    }

    void run() {
        asio::co_spawn(acceptor->get_executor(), accept_loop(), log_failure("accept loop"));
        std::vector<std::thread> threads;
        for (int i = 1; i < options.threads; ++i) threads.emplace_back([this] { ioc->run(); });
        ioc->run();
        for (auto& t : threads) t.join();
        wait_for_stream_threads();
    }

    void stop() {
        if (stopping.exchange(true)) return;
        asio::post(acceptor->get_executor(), [this] {
            error_code ignored;
            acceptor->close(ignored);
        });
        {
            std::lock_guard lock(sessions_mutex);
            for (const auto& session : sessions) {
                asio::post(session->executor, [session] {
                    if (session->idle && session->stream != nullptr) session->stream->cancel();
                });
            }
        }
        asio::co_spawn(*ioc, drain(), log_failure("drain"));
    }

    asio::awaitable<void> drain() {
        const auto deadline = std::chrono::steady_clock::now() + options.limits.drain_timeout;
        asio::steady_timer timer(co_await asio::this_coro::executor);
        while (connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
            timer.expires_after(kDrainPoll);
            co_await timer.async_wait(kTuple);
        }
        ioc->stop();
    }

    asio::awaitable<void> accept_loop() {
        while (!stopping) {
            auto [ec, socket] = co_await acceptor->async_accept(
                asio::any_io_executor(asio::make_strand(*ioc)), kTuple);
            if (ec) {
                if (stopping || !acceptor->is_open()) co_return;
                // Out of descriptors and the like: back off instead of spinning.
                asio::steady_timer timer(co_await asio::this_coro::executor, kAcceptRetryDelay);
                co_await timer.async_wait(kTuple);
                continue;
            }
            if (stopping || connections.load() >= options.limits.max_connections) {
                error_code ignored;
                socket.close(ignored);
                continue;
            }
            ++connections;
            auto executor = socket.get_executor();
            asio::co_spawn(executor, session(std::move(socket)), log_failure("session"));
        }
    }

    // ---- one connection ------------------------------------------------------------------

    struct SessionGuard {
        Impl* impl;
        std::shared_ptr<SessionState> state;
        ~SessionGuard() {
            {
                std::lock_guard lock(impl->sessions_mutex);
                impl->sessions.erase(state);
            }
            --impl->connections;
        }
    };

    asio::awaitable<void> session(tcp::socket socket) {
        auto state = std::make_shared<SessionState>();
        state->executor = socket.get_executor();
        {
            std::lock_guard lock(sessions_mutex);
            sessions.insert(state);
        }
        SessionGuard guard{this, state};

        std::string client_address;
        {
            error_code ec;
            const auto remote = socket.remote_endpoint(ec);
            if (!ec) client_address = remote.address().to_string();
        }
        beast::tcp_stream stream(std::move(socket));
        state->stream = &stream;
        struct ClearStream {
            SessionState& s;
            ~ClearStream() { s.stream = nullptr; }
        } clear_stream{*state};

        beast::flat_buffer buffer;
        bool first = true;
        while (!stopping) {
            // Idle: wait for the first byte of the next request.
            if (buffer.size() == 0) {
                stream.expires_after(first ? options.limits.header_read_timeout
                                           : options.limits.keep_alive_idle);
                state->idle = true;
                auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
                state->idle = false;
                if (ec) break;  // closed, idle timeout or cancelled by stop()
                buffer.commit(n);
            }
            first = false;

            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(
                std::min<std::size_t>(options.limits.header_limit, UINT32_MAX)));
            parser.body_limit(options.limits.body_limit);

            stream.expires_after(options.limits.header_read_timeout);
            auto [header_ec, header_n] =
                co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
            (void)header_n;
            const auto started = std::chrono::steady_clock::now();
            error_code ec = header_ec;
            if (!ec && !parser.is_done()) {
                stream.expires_after(options.limits.body_read_timeout);
                auto [body_ec, body_n] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
                (void)body_n;
                ec = body_ec;
            }
            if (ec) {
                co_await reject(stream, parser, ec, started);
                break;
            }

            auto& message = parser.get();
            Request request;
            request.method = to_upper(message.method_string());
            request.target = std::string(message.target());
            for (const auto& field : message) {
                request.headers.emplace_back(to_lower(field.name_string()),
                                             std::string(field.value()));
            }
            request.body = std::move(message.body());
            request.client_address = client_address;
            const auto incoming_id = request.header("x-request-id");
            request.request_id = incoming_id && valid_request_id(*incoming_id)
                                     ? std::string(*incoming_id)
                                     : generate_request_id();

            Response response;
            if (auto decoded = decode_target(request.target); !decoded) {
                response = problem(400, "Bad Request", "The request target is not acceptable.");
                response.close_connection = true;
            } else {
                request.path = std::move(decoded->path);
                request.query = std::move(decoded->query);
                try {
                    response = handler(request);
                } catch (...) {
                    response = internal_error();
                }
                if (response.deferred) response = co_await await_deferred(*response.deferred);
            }

            const bool keep_alive =
                message.keep_alive() && !response.close_connection && !response.stream && !stopping;
            bool ok = false;
            if (response.stream) {
                ok = co_await write_stream(stream, request, response, message.version());
            } else {
                ok = co_await write_response(stream, request, response, message.version(),
                                             keep_alive);
            }
            notify(request, response.status, started);
            if (!ok || !keep_alive) break;
        }
        error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream.socket().close(ignored);
    }

    // Starts the deferred response and waits, without holding a thread, until it is finished;
    // then makes the response here, on the session's strand.
    asio::awaitable<Response> await_deferred(DeferredResponse& deferred) {
        auto executor = co_await asio::this_coro::executor;
        auto slot = std::make_shared<DeferredSlot>();
        asio::steady_timer wakeup(executor, asio::steady_timer::time_point::max());
        slot->wakeup = &wakeup;
        slot->executor = executor;
        struct Detach {
            DeferredSlot& slot;
            ~Detach() {
                std::lock_guard lock(slot.mutex);
                slot.executor.reset();
                slot.wakeup = nullptr;
            }
        } detach{*slot};
        try {
            deferred.start([slot, lifeline = lifeline](MakeResponse make) {
                std::lock_guard lock(slot->mutex);
                slot->make = std::move(make);
                if (!slot->executor) return;  // the session is gone
                std::lock_guard alive(lifeline->mutex);
                if (!lifeline->alive) return;
                asio::post(*slot->executor, [slot] {
                    if (slot->wakeup != nullptr) slot->wakeup->cancel();
                });
            });
        } catch (...) {
            co_return internal_error();
        }
        std::optional<MakeResponse> make;
        while (!make) {
            {
                // A finish that came before this wait found no wait to cancel: look first.
                std::lock_guard lock(slot->mutex);
                make = std::move(slot->make);
            }
            if (!make) co_await wakeup.async_wait(kTuple);
        }
        try {
            co_return (*make)();
        } catch (...) {
            co_return internal_error();
        }
    }

    template <class Parser>
    asio::awaitable<void> reject(beast::tcp_stream& stream, Parser& parser, error_code ec,
                                 std::chrono::steady_clock::time_point started) {
        Response response;
        if (ec == bhttp::error::body_limit) {
            response = problem(413, "Content Too Large", "The request body is too large.");
        } else if (ec == bhttp::error::header_limit) {
            response =
                problem(431, "Request Header Fields Too Large", "The request header is too large.");
        } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                   ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
            response = problem(400, "Bad Request", "The request is not valid HTTP/1.1.");
        } else {
            co_return;  // closed, reset or timed out: nobody to answer
        }

        // Whatever the parser got before the error (method, target, some fields) is kept.
        Request request;
        const auto& message = parser.get();
        request.method = to_upper(message.method_string());
        request.target = std::string(message.target());
        const auto incoming = message["X-Request-ID"];
        if (valid_request_id(incoming)) request.request_id = std::string(incoming);
        if (request.request_id.empty()) request.request_id = generate_request_id();

        if (co_await write_response(stream, request, response, 11, false)) {
            notify(request, response.status, started);
            // Read and discard what the client is still sending, so that closing does not reset
            // the connection before it has read the answer.
            error_code ignored;
            stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream.expires_after(kLingerTimeout);
            std::array<char, 16 * 1024> sink;
            std::size_t drained = 0;
            while (drained < kLingerMaxBytes) {
                auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
                if (read_ec) break;
                drained += n;
            }
        }
    }

    void notify(const Request& request, int status, std::chrono::steady_clock::time_point started) {
        if (!observer) return;
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        try {
            observer(request, status, elapsed.count());
        } catch (...) {
            // An observer failure must not take the connection down.
        }
    }

    // Whether a handler's header field goes out: not one the server sets itself, and not one
    // that could split the response (logged: a handler bug).
    static bool sendable_header(std::string_view name, std::string_view value) {
        for (std::string_view reserved :
             {"content-length", "transfer-encoding", "connection", "x-request-id", "server"}) {
            if (beast::iequals(name, reserved)) return false;
        }
        if (valid_field(name, value)) return true;
        spdlog::warn("http: response header \"{}\" left out: not a valid field", name);
        return false;
    }

    template <class Message>
    static void copy_headers(Message& message, const Request& request, const Response& response) {
        message.set(bhttp::field::server, "coursedist");
        for (const auto& [name, value] : response.headers) {
            if (sendable_header(name, value)) message.insert(name, value);
        }
        message.set("X-Request-ID", request.request_id);
    }

    // The status line and header fields, written by hand and sent with the body in one gather
    // write: Beast's serializer cost a tenth of a landing page view's CPU.
    static std::string response_head(const Request& request, const Response& response,
                                     unsigned version, bool keep_alive, bool send_body) {
        std::string head;
        head.reserve(256);
        head.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ")
            .append(std::to_string(response.status))
            .append(" ")
            .append(bhttp::obsolete_reason(static_cast<bhttp::status>(response.status)))
            .append("\r\nServer: coursedist\r\n");
        for (const auto& [name, value] : response.headers) {
            if (sendable_header(name, value))
                head.append(name).append(": ").append(value).append("\r\n");
        }
        head.append("X-Request-ID: ").append(request.request_id).append("\r\n");
        if (send_body || request.method == "HEAD")
            head.append("Content-Length: ")
                .append(std::to_string(response.body.size()))
                .append("\r\n");
        if (version == 10 && keep_alive) head.append("Connection: keep-alive\r\n");
        if (version != 10 && !keep_alive) head.append("Connection: close\r\n");
        head.append("\r\n");
        return head;
    }

    // A token for a name, and no line break or NUL in the value (no response splitting).
    static bool valid_field(std::string_view name, std::string_view value) {
        const bool token =
            !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char c) {
                return std::isalnum(c) != 0 ||
                       std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
            });
        return token &&
               value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
    }

    asio::awaitable<bool> write_response(beast::tcp_stream& stream, const Request& request,
                                         Response& response, unsigned version, bool keep_alive) {
        const bool no_body =
            response.status / 100 == 1 || response.status == 204 || response.status == 304;
        const bool send_body = !no_body && request.method != "HEAD";
        const auto head = response_head(request, response, version, keep_alive, send_body);
        const std::array<asio::const_buffer, 2> buffers{
            asio::buffer(head), send_body ? asio::buffer(response.body) : asio::const_buffer()};
        stream.expires_after(kWriteTimeout);
        auto [ec, n] = co_await asio::async_write(stream, buffers, kTuple);
        (void)n;
        co_return !ec;
    }

    // Headers with chunked encoding, then every chunk the producer thread hands over; the
    // connection closes afterwards.
    asio::awaitable<bool> write_stream(beast::tcp_stream& stream, const Request& request,
                                       Response& response, unsigned version) {
        bhttp::response<bhttp::empty_body> message{static_cast<bhttp::status>(response.status),
                                                   version};
        copy_headers(message, request, response);
        message.keep_alive(false);
        message.chunked(true);
        bhttp::response_serializer<bhttp::empty_body> serializer{message};
        stream.expires_after(kWriteTimeout);
        {
            auto [ec, n] = co_await bhttp::async_write_header(stream, serializer, kTuple);
            (void)n;
            if (ec) co_return false;
        }

        auto pipe = std::make_shared<StreamPipe>();
        asio::steady_timer wakeup(co_await asio::this_coro::executor);
        pipe->wakeup = &wakeup;
        struct Detach {
            StreamPipe& pipe;
            ~Detach() {
                pipe.wakeup = nullptr;
                pipe.client_gone = true;
                pipe.room.notify_all();
            }
        } detach{*pipe};
        start_producer(pipe, response.stream, co_await asio::this_coro::executor);

        bool ok = true;
        while (true) {
            std::deque<std::string> batch;
            bool done = false;
            {
                std::lock_guard lock(pipe->mutex);
                batch.swap(pipe->chunks);
                done = pipe->done;
            }
            pipe->room.notify_all();
            for (const auto& chunk : batch) {
                if (chunk.empty()) continue;  // an empty chunk would end the body
                stream.expires_after(kWriteTimeout);
                auto [ec, n] = co_await asio::async_write(
                    stream, bhttp::make_chunk(asio::buffer(chunk)), kTuple);
                (void)n;
                if (ec) {
                    ok = false;
                    break;
                }
            }
            if (!ok) break;
            if (done) {
                stream.expires_after(kWriteTimeout);
                auto [ec, n] = co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
                (void)n;
                ok = !ec;
                break;
            }
            {
                // News that came while the batch was being written found no wait to cancel
                // (the producer's wake-up ran between the writes): look before waiting. News
                // after this look finds the wait below, which starts before the strand runs
                // anything else.
                std::lock_guard lock(pipe->mutex);
                if (!pipe->chunks.empty() || pipe->done) continue;
            }
            wakeup.expires_at(asio::steady_timer::time_point::max());
            co_await wakeup.async_wait(kTuple);  // cancelled when the producer has news
        }
        co_return false;  // the connection always closes after a stream
    }

    void start_producer(std::shared_ptr<StreamPipe> pipe, std::shared_ptr<StreamingBody> body,
                        asio::any_io_executor executor) {
        {
            std::lock_guard lock(threads_mutex);
            ++stream_threads;
        }
        std::thread([this, pipe = std::move(pipe), body = std::move(body),
                     executor = std::move(executor)]() mutable {
            const std::function<bool()> stopping_fn = [this, &pipe] {
                return stopping.load() || pipe->client_gone.load();
            };
            auto wake = [&] {
                asio::post(executor, [pipe] {
                    if (pipe->wakeup != nullptr) pipe->wakeup->cancel();
                });
            };
            try {
                while (!stopping_fn()) {
                    auto chunk = body->next ? body->next(stopping_fn) : std::nullopt;
                    if (!chunk) break;
                    std::unique_lock lock(pipe->mutex);
                    pipe->chunks.push_back(std::move(*chunk));
                    lock.unlock();
                    wake();
                    lock.lock();
                    while (pipe->chunks.size() >= kStreamQueueMax && !stopping_fn()) {
                        pipe->room.wait_for(lock, std::chrono::milliseconds(100));
                    }
                }
            } catch (...) {
                // A failing producer ends the stream like a finished one.
            }
            {
                std::lock_guard lock(pipe->mutex);
                pipe->done = true;
            }
            wake();
            pipe.reset();
            body.reset();
            executor = asio::any_io_executor{};
            std::lock_guard lock(threads_mutex);
            --stream_threads;
            threads_done.notify_all();
        }).detach();
    }
};

Server::Server(ServerOptions options, RequestHandler handler, ResponseObserver observer)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(observer))) {}

Server::~Server() = default;

void Server::listen() {
    impl_->listen();
}

std::uint16_t Server::bound_port() const {
    return impl_->port.load();
}

void Server::run() {
    impl_->run();
}

void Server::stop() {
    impl_->stop();
}

std::size_t Server::open_connections() const {
    return impl_->connections.load();
}

}  // namespace coursedist::http
