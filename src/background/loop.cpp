#include "background/loop.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace coursedist::background {

Loop::Loop(std::string name, Step step, Backoff backoff)
    : name_(std::move(name)), step_(std::move(step)), backoff_(backoff) {}

Loop::~Loop() {
    stop();
}

void Loop::start() {
    std::lock_guard joining(join_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
    }
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void Loop::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    std::lock_guard joining(join_mutex_);
    if (thread_.joinable()) thread_.join();
}

void Loop::wake() {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
    }
    wake_.notify_all();
}

Next Loop::run_step() {
    try {
        return step_();
    } catch (const std::exception& e) {
        spdlog::error("{}: {}", name_, e.what());
    } catch (...) {
        spdlog::error("{}: unknown error", name_);
    }
    return Next::retry();
}

void Loop::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        woken_ = false;  // this step sees everything its wakers did before it
        lock.unlock();
        const auto next = run_step();
        lock.lock();
        const auto stopped_or_woken = [this] { return stopping_ || woken_; };
        switch (next.kind_) {
            case Next::Kind::Again:
                backoff_.reset();
                break;
            case Next::Kind::After:
                backoff_.reset();
                wake_.wait_for(lock, next.period_, stopped_or_woken);
                break;
            case Next::Kind::WhenWoken:
                backoff_.reset();
                wake_.wait(lock, stopped_or_woken);
                break;
            case Next::Kind::Retry:
                wake_.wait_for(lock, backoff_.next(), [this] { return stopping_; });
                break;
        }
    }
}

}  // namespace coursedist::background
