#pragma once
// Group commit on a committer thread of its own. Callers queue items; the committer takes every
// item queued so far as one batch, runs it, and takes the next batch, which holds whatever arrived
// meanwhile. Many callers share one transaction (one WAL write, one fsync) instead of queueing for
// the write lock, and no caller ever runs a batch for others: a thread that serves connections
// hands its write over and goes on serving (durability.md, "Commits never run on an HTTP thread").
//
// Callers either leave a completion and return at once (submit(item, done): the HTTP threads) or
// wait for their batch (submit(item): tools, tests, background work).

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace coursedist::service {

template <typename Item>
class GroupCommit {
  public:
    // Runs one batch; must not throw and must settle every item (its outcome is the item's own
    // business). Called by one thread at a time, without the queue lock held.
    using RunBatch = std::function<void(const std::vector<Item*>&)>;
    // Called once the batch holding the item has run, on the thread that ran it (the committer);
    // must not throw, and should only hand the outcome on: the next batch waits for it.
    using Done = std::function<void()>;

    // Starts the committer.
    explicit GroupCommit(RunBatch run_batch)
        : run_batch_(std::move(run_batch)), committer_([this] { run(); }) {}
    ~GroupCommit() { stop(); }
    GroupCommit(const GroupCommit&) = delete;
    GroupCommit& operator=(const GroupCommit&) = delete;

    // Queues `item` (which must live until `done` is called) and returns. Once stopped, runs it
    // as a batch of its own on the calling thread before returning: no write is refused or lost.
    void submit(Item& item, Done done) {
        bool queued = false;
        {
            std::lock_guard lock(mutex_);
            if (!closed_) {
                queue_.push_back(Queued{&item, std::move(done)});
                queued = true;
            }
        }
        if (queued) {
            arrived_.notify_one();
            return;
        }
        std::lock_guard late(late_mutex_);
        std::vector<Queued> alone;
        alone.push_back(Queued{&item, std::move(done)});
        run(alone);
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

    // Runs every item queued so far, then ends the committer. Idempotent; later submits run on
    // their caller's thread.
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        arrived_.notify_one();
        std::lock_guard joining(join_mutex_);
        if (committer_.joinable()) committer_.join();
    }

    // Items queued for the next batch.
    std::size_t waiting() const {
        std::lock_guard lock(mutex_);
        return queue_.size();
    }

    // The committer thread's id (for tests: no caller runs a batch).
    std::thread::id committer_id() const { return committer_id_; }

  private:
    struct Queued {
        Item* item;
        Done done;
    };

    void run() {
        std::vector<Queued> batch;
        std::unique_lock lock(mutex_);
        for (;;) {
            arrived_.wait(lock, [this] { return !queue_.empty() || stopping_; });
            if (queue_.empty()) break;  // stopping, and everything queued has run
            batch.swap(queue_);
            lock.unlock();
            run(batch);
            batch.clear();  // keeps its capacity for the next batch
            lock.lock();
        }
        closed_ = true;
    }

    void run(std::vector<Queued>& batch) {
        items_.clear();
        for (const auto& queued : batch) items_.push_back(queued.item);
        run_batch_(items_);
        for (auto& queued : batch) queued.done();
    }

    RunBatch run_batch_;
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::vector<Queued> queue_;  // guarded by mutex_
    bool stopping_ = false;      // guarded by mutex_
    bool closed_ = false;        // guarded by mutex_: the committer has ended
    std::mutex late_mutex_;      // one batch at a time after the committer ended
    std::mutex join_mutex_;      // stop() from several threads joins once
    std::vector<Item*> items_;   // the batch handed to run_batch_; used by one thread at a time
    std::thread committer_;      // last: starts once everything above is ready
    const std::thread::id committer_id_ = committer_.get_id();
};

}  // namespace coursedist::service
