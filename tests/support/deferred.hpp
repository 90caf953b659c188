#pragma once
// For tests that call handlers directly (without the server): waits for a deferred response the
// way the server does, and makes it.

#include "http/message.hpp"

#include <future>
#include <memory>

namespace coursedist::testing {

inline http::Response settle(http::Response response) {
    if (!response.deferred) return response;
    auto made = std::make_shared<std::promise<http::MakeResponse>>();
    auto future = made->get_future();
    response.deferred->start([made](http::MakeResponse make) { made->set_value(std::move(make)); });
    return future.get()();
}

}  // namespace coursedist::testing
