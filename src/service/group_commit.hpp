#pragma once
// Leader/follower group commit. A caller queues its item; if no batch is running it becomes the
// leader and runs every queued item in one go, and keeps going while items keep arriving; items
// queued meanwhile go together in the next batch. One caller alone pays no extra hop; many callers
// share one transaction (one WAL write, one fsync on PostgreSQL) instead of queueing for the write
// lock.
//
// Callers either wait (submit(item)) or leave a completion and return at once
// (submit(item, done)): an HTTP thread that hands over a page view is free to serve other
// requests while the view commits, so the next batch is as large as the number of visitors
// waiting, not the number of threads.

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
    // Called once the batch holding the item has run, on the thread that ran it; must not throw.
    using Done = std::function<void()>;

    explicit GroupCommit(RunBatch run_batch) : run_batch_(std::move(run_batch)) {}

    // Queues `item` (which must live until `done` is called) and returns; when no batch is
    // running the caller runs batches until the queue is empty, `done` included.
    void submit(Item& item, Done done) {
        std::unique_lock lock(mutex_);
        queue_.push_back(Queued{&item, std::move(done)});
        if (leading_) return;
        leading_ = true;
        while (!queue_.empty()) {
            auto batch = std::exchange(queue_, {});
            lock.unlock();
            std::vector<Item*> items;
            items.reserve(batch.size());
            for (const auto& queued : batch) items.push_back(queued.item);
            run_batch_(items);
            for (auto& queued : batch) queued.done();
            lock.lock();
        }
        leading_ = false;
    }

    // Returns once a batch holding `item` has run.
    void submit(Item& item) {
        std::mutex settled_mutex;
        std::condition_variable settled_signal;
        bool settled = false;
        submit(item, [&] {
            // Notified under the lock: the waiter cannot return (and take these locals with it)
            // before this completion is done with them.
            std::lock_guard settled_lock(settled_mutex);
            settled = true;
            settled_signal.notify_one();
        });
        std::unique_lock settled_lock(settled_mutex);
        settled_signal.wait(settled_lock, [&] { return settled; });
    }

    // Items queued for the next batch.
    std::size_t waiting() const {
        std::lock_guard lock(mutex_);
        return queue_.size();
    }

  private:
    struct Queued {
        Item* item;
        Done done;
    };
    RunBatch run_batch_;
    mutable std::mutex mutex_;
    std::vector<Queued> queue_;
    bool leading_ = false;
};

}  // namespace coursedist::service
