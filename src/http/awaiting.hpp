#pragma once
// Waiting, on a connection's thread and without holding a thread, for work that other threads
// finish: a deferred response's commit, a streaming body's next chunk. Server-internal (Asio, no
// Beast).

#include "http/message.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace coursedist::http {

// Lets threads outside the server post to its executors only while the io_context exists.
struct Lifeline {
    std::mutex mutex;
    bool alive = true;  // guarded by mutex
};

// Starts the deferred response and waits until whoever holds its finish calls it; then makes the
// response here, on the caller's executor. A failing start or make gives a bare 500.
boost::asio::awaitable<Response> await_deferred(DeferredResponse& deferred,
                                                std::shared_ptr<Lifeline> lifeline);

// Asks a streaming body for its chunks, one at a time, on the caller's executor.
class ChunkSource {
  public:
    ChunkSource(std::shared_ptr<StreamingBody> body, boost::asio::any_io_executor executor,
                std::shared_ptr<Lifeline> lifeline);
    // Cancels the body (the server stops asking) and ignores a chunk still on its way.
    ~ChunkSource();
    ChunkSource(const ChunkSource&) = delete;
    ChunkSource& operator=(const ChunkSource&) = delete;

    // The next chunk, or nullopt once the body ended, failed, or `stopping` was seen true after
    // an interrupt().
    boost::asio::awaitable<std::optional<std::string>> next(const std::atomic<bool>& stopping);
    // Wakes a next() that is waiting (on the caller's executor), so it looks at `stopping`.
    void interrupt();

    struct Slot;  // what the producer's `ready` hands the chunk through (awaiting.cpp)

  private:
    std::shared_ptr<StreamingBody> body_;
    boost::asio::steady_timer wakeup_;
    std::shared_ptr<Slot> slot_;
    bool ended_ = false;
};

}  // namespace coursedist::http
