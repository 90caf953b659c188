#pragma once
// The wait after each failure of something retried: first, then doubling, capped at max; back to
// first after a success. Plain arithmetic, no clock: Loop does the waiting.

#include <algorithm>
#include <chrono>

namespace coursedist::background {

class Backoff {
  public:
    using Duration = std::chrono::milliseconds;

    explicit Backoff(Duration first = std::chrono::milliseconds(100),
                     Duration max = std::chrono::milliseconds(5000))
        : first_(std::max(first, Duration(1))), max_(std::max(max, first_)), next_(first_) {}

    // The wait for this failure; the next one waits twice as long, up to max.
    Duration next() {
        const auto wait = next_;
        next_ = next_ >= max_ / 2 ? max_ : next_ * 2;
        return wait;
    }
    // A success: the next failure waits `first` again.
    void reset() { next_ = first_; }

  private:
    Duration first_;
    Duration max_;
    Duration next_;
};

}  // namespace coursedist::background
