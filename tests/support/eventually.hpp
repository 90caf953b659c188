#pragma once
// Polling for black-box tests: a condition that becomes true at some point, checked until a
// generous deadline (slow shared machines), never timed.

#include <chrono>
#include <thread>

namespace coursedist::testing {

inline constexpr auto kEventuallyDeadline = std::chrono::seconds(60);

// True as soon as `condition()` is; false if it still is not after `deadline`.
template <typename Condition>
bool eventually(Condition condition,
                std::chrono::steady_clock::duration deadline = kEventuallyDeadline) {
    const auto until = std::chrono::steady_clock::now() + deadline;
    while (std::chrono::steady_clock::now() < until) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

}  // namespace coursedist::testing
