#include "service/event_feed.hpp"

#include "service/distribution_service.hpp"

#include <algorithm>
#include <utility>

namespace coursedist::service {

std::shared_ptr<EventFeed> EventFeed::create(DistributionService& service, Options options) {
    std::shared_ptr<EventFeed> feed(new EventFeed(service, options));
    service.add_on_commit([weak = std::weak_ptr<EventFeed>(feed)] {
        if (auto alive = weak.lock()) alive->notify();
    });
    return feed;
}

EventFeed::EventFeed(DistributionService& service, Options options)
    : service_(service), options_(options) {}

EventFeed::~EventFeed() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::vector<LoggedEvent> EventFeed::after(std::int64_t after, int limit) {
    std::vector<LoggedEvent> events;
    for (auto& row : service_.store().begin_read()->outbox_after(after, limit))
        events.push_back(
            LoggedEvent{row.seq, std::move(row.event_type), std::move(row.envelope_json)});
    return events;
}

std::uint64_t EventFeed::wait(std::int64_t after, Answer answer) {
    std::uint64_t ticket = 0;
    {
        std::lock_guard lock(mutex_);
        ticket = next_ticket_++;
        waits_.emplace(ticket, Wait{after, Clock::now() + options_.heartbeat, std::move(answer)});
        look_ = true;  // there may be events already (a resuming reader)
        if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
    }
    wake_.notify_all();
    return ticket;
}

void EventFeed::cancel(std::uint64_t ticket) {
    std::lock_guard lock(mutex_);
    waits_.erase(ticket);
}

void EventFeed::notify() {
    {
        std::lock_guard lock(mutex_);
        look_ = true;
    }
    wake_.notify_all();
}

void EventFeed::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        const auto earliest =
            std::min_element(waits_.begin(), waits_.end(), [](const auto& a, const auto& b) {
                return a.second.heartbeat_due < b.second.heartbeat_due;
            });
        const bool heartbeat_due =
            earliest != waits_.end() && earliest->second.heartbeat_due <= Clock::now();
        if (look_ || heartbeat_due) {
            look_ = false;
            lock.unlock();
            answer_round();
            lock.lock();
        } else if (earliest == waits_.end()) {
            wake_.wait(lock);
        } else {
            // A copy: the wait may be cancelled (erased) while this thread sleeps on it.
            const auto due = earliest->second.heartbeat_due;
            wake_.wait_until(lock, due);
        }
    }
}

void EventFeed::answer_round() {
    std::map<std::int64_t, std::vector<std::uint64_t>> by_position;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [ticket, wait] : waits_) by_position[wait.after].push_back(ticket);
    }
    std::vector<std::pair<Answer, std::vector<LoggedEvent>>> answers;
    for (const auto& [position, tickets] : by_position) {
        std::vector<LoggedEvent> events;
        try {
            events = after(position, options_.batch);
        } catch (...) {
            // Storage unavailable: the next commit or heartbeat looks again.
        }
        const auto now = Clock::now();
        std::lock_guard lock(mutex_);
        for (auto ticket : tickets) {
            auto found = waits_.find(ticket);
            if (found == waits_.end()) continue;  // cancelled meanwhile
            if (events.empty() && now < found->second.heartbeat_due) continue;
            answers.emplace_back(std::move(found->second.answer), events);
            waits_.erase(found);
        }
    }
    for (auto& [answer, events] : answers) {
        try {
            answer(std::move(events));
        } catch (...) {
            // An answer's failure is its reader's business.
        }
    }
}

}  // namespace coursedist::service
