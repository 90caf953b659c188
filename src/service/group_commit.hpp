#pragma once
// Leader/follower group commit. A caller queues its item; if no batch is running it becomes the
// leader and runs every queued item in one go, otherwise it waits, and the items queued meanwhile
// go together in the next batch. One caller alone pays no extra hop; many callers share one
// transaction (one WAL write, one fsync on PostgreSQL) instead of queueing for the write lock.

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

namespace coursedist::service {

template <typename Item>
class GroupCommit {
  public:
    // Runs one batch; must not throw and must settle every item (its outcome is the item's own
    // business). Called by one caller at a time, without the queue lock held.
    using RunBatch = std::function<void(const std::vector<Item*>&)>;

    explicit GroupCommit(RunBatch run_batch) : run_batch_(std::move(run_batch)) {}

    // Returns once a batch holding `item` has run.
    void submit(Item& item) {
        std::unique_lock lock(mutex_);
        queue_.push_back(&item);
        const auto ticket = next_ticket_++;
        while (settled_ <= ticket) {
            if (leading_) {
                batch_done_.wait(lock);
                continue;
            }
            leading_ = true;
            auto batch = std::exchange(queue_, {});
            const auto last = next_ticket_;
            lock.unlock();
            run_batch_(batch);
            lock.lock();
            settled_ = last;
            leading_ = false;
            batch_done_.notify_all();
        }
    }

    // Items queued for the next batch.
    std::size_t waiting() const {
        std::lock_guard lock(mutex_);
        return queue_.size();
    }

  private:
    RunBatch run_batch_;
    mutable std::mutex mutex_;
    std::condition_variable batch_done_;
    std::vector<Item*> queue_;
    // Tickets below settled_ belong to batches that have run: queue order is ticket order.
    unsigned long long next_ticket_ = 0;
    unsigned long long settled_ = 0;
    bool leading_ = false;
};

}  // namespace coursedist::service
