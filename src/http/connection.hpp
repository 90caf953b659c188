#pragma once
// One connection's request loop (connection.cpp), as the server's accept loop starts it.
// Server-internal; Asio only: Beast stays inside connection.cpp.

#include "http/awaiting.hpp"
#include "http/server.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <atomic>
#include <functional>
#include <memory>

namespace coursedist::http {

// What every connection of a server shares.
struct ConnectionContext {
    const ServerLimits& limits;
    const RequestHandler& handler;
    const ResponseObserver& observer;
    const std::atomic<bool>& stopping;
    std::shared_ptr<Lifeline> lifeline;
};

// What stop() may do to a connection, on the connection's thread.
struct ConnectionControl {
    boost::asio::any_io_executor executor;
    // Set (its thread only) while the connection waits for something stop() should cut short: the
    // next request of a keep-alive connection, the next chunk of a stream. Calling it wakes the
    // connection, which then sees `stopping`.
    std::function<void()> interrupt;
};

// Serves requests on `socket` until the client leaves, a limit ends the connection, or the
// server is stopping.
boost::asio::awaitable<void> serve_connection(boost::asio::ip::tcp::socket socket,
                                              const ConnectionContext& context,
                                              ConnectionControl& control);

}  // namespace coursedist::http
