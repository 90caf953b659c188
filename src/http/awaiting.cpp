// Handing a result from any thread to a coroutine waiting on its executor (see awaiting.hpp).
#include "http/awaiting.hpp"

#include "http/server_answers.hpp"

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <string_view>
#include <utility>

namespace coursedist::http {

namespace asio = boost::asio;

namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

// One value handed from any thread to the coroutine waiting for it. The waiter's timer is
// cancelled through a post to the waiter's executor, and only while the waiter is there and the
// io_context lives: a hand-over may come after both are gone.
template <class T>
struct Handoff {
    std::mutex mutex;
    std::optional<T> value;                         // guarded by mutex
    std::optional<asio::any_io_executor> executor;  // guarded by mutex; unset once the waiter left
    asio::steady_timer* wakeup = nullptr;           // the waiter's executor only
    std::shared_ptr<Lifeline> lifeline;

    static void give(const std::shared_ptr<Handoff>& self, T v) {
        std::lock_guard lock(self->mutex);
        self->value = std::move(v);
        if (!self->executor) return;
        std::lock_guard alive(self->lifeline->mutex);
        if (!self->lifeline->alive) return;
        asio::post(*self->executor, [self] {
            if (self->wakeup != nullptr) self->wakeup->cancel();
        });
    }

    std::optional<T> take() {
        std::lock_guard lock(mutex);
        return std::exchange(value, std::nullopt);
    }

    // The waiter is gone: later hand-overs only store their value.
    void leave() {
        std::lock_guard lock(mutex);
        executor.reset();
        wakeup = nullptr;
    }
};

template <class T>
std::shared_ptr<Handoff<T>> make_handoff(asio::steady_timer& wakeup,
                                         std::shared_ptr<Lifeline> lifeline) {
    auto handoff = std::make_shared<Handoff<T>>();
    handoff->executor = wakeup.get_executor();
    handoff->wakeup = &wakeup;
    handoff->lifeline = std::move(lifeline);
    return handoff;
}

// Waits until `handoff` holds a value, or until a wake-up finds `give_up()` true.
template <class T, class GiveUp>
asio::awaitable<std::optional<T>> wait_for(Handoff<T>& handoff, asio::steady_timer& wakeup,
                                           GiveUp give_up) {
    while (true) {
        // A hand-over that came before this wait found no wait to cancel: look first. One after
        // this look finds the wait below, which starts before the executor runs anything else.
        if (auto value = handoff.take()) co_return value;
        if (give_up()) co_return std::nullopt;
        wakeup.expires_at(asio::steady_timer::time_point::max());
        co_await wakeup.async_wait(kTuple);
    }
}

}  // namespace

asio::awaitable<Response> await_deferred(DeferredResponse& deferred,
                                         std::shared_ptr<Lifeline> lifeline) {
    asio::steady_timer wakeup(co_await asio::this_coro::executor);
    auto handoff = make_handoff<MakeResponse>(wakeup, std::move(lifeline));
    struct Leave {
        Handoff<MakeResponse>& handoff;
        ~Leave() { handoff.leave(); }
    } leave{*handoff};
    try {
        deferred.start([handoff](MakeResponse make) {
            Handoff<MakeResponse>::give(handoff, std::move(make));
        });
    } catch (...) {
        co_return internal_error();
    }
    // Never given up: a started response is finished even while the server stops.
    auto make = co_await wait_for(*handoff, wakeup, [] { return false; });
    try {
        co_return (*make)();
    } catch (...) {
        co_return internal_error();
    }
}

struct ChunkSource::Slot : Handoff<std::optional<std::string>> {};

ChunkSource::ChunkSource(std::shared_ptr<StreamingBody> body, asio::any_io_executor executor,
                         std::shared_ptr<Lifeline> lifeline)
    : body_(std::move(body)), wakeup_(std::move(executor)), slot_(std::make_shared<Slot>()) {
    slot_->executor = wakeup_.get_executor();
    slot_->wakeup = &wakeup_;
    slot_->lifeline = std::move(lifeline);
}

ChunkSource::~ChunkSource() {
    slot_->leave();
    if (!ended_ && body_->cancel) {
        try {
            body_->cancel();
        } catch (...) {
            // A producer failing to cancel has nothing left to tell anyone.
        }
    }
}

asio::awaitable<std::optional<std::string>> ChunkSource::next(const std::atomic<bool>& stopping) {
    if (ended_ || stopping || !body_->next) co_return std::nullopt;
    try {
        body_->next([slot = slot_](std::optional<std::string> chunk) {
            Handoff<std::optional<std::string>>::give(slot, std::move(chunk));
        });
    } catch (...) {
        ended_ = true;  // a failing producer ends the body like a finished one
        co_return std::nullopt;
    }
    auto chunk = co_await wait_for<std::optional<std::string>>(*slot_, wakeup_,
                                                               [&] { return stopping.load(); });
    if (!chunk || !*chunk) {
        ended_ = chunk.has_value();  // ended by the producer: nothing to cancel
        co_return std::nullopt;
    }
    co_return std::move(*chunk);
}

void ChunkSource::interrupt() {
    wakeup_.cancel();
}

}  // namespace coursedist::http
