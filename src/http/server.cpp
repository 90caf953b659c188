// The server's life: listen, accept connections (each a coroutine, see connection.cpp), and stop:
// close the acceptor, interrupt connections waiting for a next request or a next chunk, let
// in-flight requests finish (up to drain_timeout), then stop the threads.
//
// Each thread runs an io_context of its own, and each connection lives on one of them (taken in
// turn), as nginx's workers each have their own connections: a connection's handlers never
// run concurrently, without a strand, and threads do not contend for one scheduler's queue nor
// wake each other up for every completion.
#include "http/server.hpp"

#include "http/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

namespace coursedist::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);
constexpr std::chrono::milliseconds kDrainPoll{10};
constexpr std::chrono::milliseconds kAcceptRetryDelay{50};

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

}  // namespace

struct Server::Impl {
    ServerOptions options;
    RequestHandler handler;
    ResponseObserver observer;

    std::atomic<bool> stopping{false};
    std::atomic<std::size_t> connections{0};
    std::atomic<std::uint16_t> port{0};

    std::mutex connections_mutex;
    std::set<std::shared_ptr<ConnectionControl>> controls;  // guarded by connections_mutex

    std::shared_ptr<Lifeline> lifeline = std::make_shared<Lifeline>();
    ConnectionContext context{options.limits, handler, observer, stopping, lifeline};

    // One per thread, each run by that thread alone. Explicitly destroyed first in ~Impl, so
    // that coroutine frames destroyed with them can still touch the members above.
    using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;
    std::vector<std::unique_ptr<asio::io_context>> iocs;
    std::vector<WorkGuard> keep_running;  // until the drain ends: threads without connections wait
    std::size_t next_ioc = 0;             // the acceptor's only
    std::optional<tcp::acceptor> acceptor;

    Impl(ServerOptions o, RequestHandler h, ResponseObserver obs)
        : options(std::move(o)), handler(std::move(h)), observer(std::move(obs)) {
        for (int i = 0; i < std::max(1, options.threads); ++i) {
            iocs.push_back(std::make_unique<asio::io_context>(1));
            keep_running.push_back(asio::make_work_guard(*iocs.back()));
        }
        acceptor.emplace(*iocs.front());
    }

    ~Impl() {
        {
            std::lock_guard lock(lifeline->mutex);
            lifeline->alive = false;
        }
        acceptor.reset();
        keep_running.clear();
        iocs.clear();
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
        for (std::size_t i = 1; i < iocs.size(); ++i)
            threads.emplace_back([ioc = iocs[i].get()] { ioc->run(); });
        iocs.front()->run();
        for (auto& t : threads) t.join();
    }

    void stop() {
        if (stopping.exchange(true)) return;
        asio::post(acceptor->get_executor(), [this] {
            error_code ignored;
            acceptor->close(ignored);
        });
        {
            std::lock_guard lock(connections_mutex);
            for (const auto& control : controls) {
                asio::post(control->executor, [control] {
                    if (control->interrupt) control->interrupt();
                });
            }
        }
        asio::co_spawn(*iocs.front(), drain(), log_failure("drain"));
    }

    asio::awaitable<void> drain() {
        const auto deadline = std::chrono::steady_clock::now() + options.limits.drain_timeout;
        asio::steady_timer timer(co_await asio::this_coro::executor);
        while (connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
            timer.expires_after(kDrainPoll);
            co_await timer.async_wait(kTuple);
        }
        for (auto& ioc : iocs) ioc->stop();
    }

    asio::awaitable<void> accept_loop() {
        while (!stopping) {
            auto& ioc = *iocs[next_ioc++ % iocs.size()];
            auto [ec, socket] = co_await acceptor->async_accept(ioc, kTuple);
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
            asio::co_spawn(executor, connection(std::move(socket)), log_failure("connection"));
        }
    }

    // A connection, known to stop() while it lasts.
    asio::awaitable<void> connection(tcp::socket socket) {
        auto control = std::make_shared<ConnectionControl>();
        control->executor = socket.get_executor();
        {
            std::lock_guard lock(connections_mutex);
            controls.insert(control);
        }
        struct Forget {
            Impl& impl;
            std::shared_ptr<ConnectionControl> control;
            ~Forget() {
                control->interrupt = nullptr;  // it refers to the connection's frame
                {
                    std::lock_guard lock(impl.connections_mutex);
                    impl.controls.erase(control);
                }
                --impl.connections;
            }
        } forget{*this, control};
        co_await serve_connection(std::move(socket), context, *control);
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
