// The commit side of DistributionService's writes: bookkeeping after every commit, and the batch
// runner behind count() (group commit of views and clicks).

#include "service/distribution_service.hpp"
#include "service/errors.hpp"
#include "service/write_scope.hpp"

#include <algorithm>

namespace coursedist::service {

namespace {
// Whether a commit with these events changed what pages show besides their counters: every other
// change has an event of another type (a commit without events is taken as a change too).
bool changes_content(const std::vector<std::string>& event_types) {
    return event_types.empty() ||
           std::any_of(event_types.begin(), event_types.end(), [](const std::string& type) {
               return type != domain::event_type::kViewed &&
                      type != domain::event_type::kEnrollmentClicked;
           });
}
}  // namespace

void DistributionService::committed(const std::vector<std::string>& event_types) {
    if (changes_content(event_types)) content_generation_.fetch_add(1, std::memory_order_release);
    write_generation_.fetch_add(1, std::memory_order_release);
    for (const auto& type : event_types)
        metrics_.increment("coursedist_events_produced_total", "type", type);
    if (event_types.empty()) return;
    for (const auto& hook : on_commit_) hook();
}

namespace {
using PendingWrite = DistributionService::PendingWrite;

bool same_counter(const CounterWrite& a, const CounterWrite& b) {
    return a.counter == b.counter && a.target == b.target && a.key == b.key;
}

// The batch in groups of writes to the same counter of the same distribution, in queue order.
std::vector<std::vector<PendingWrite*>> by_counter(const std::vector<PendingWrite*>& batch) {
    std::vector<std::vector<PendingWrite*>> groups;
    for (auto* pending : batch) {
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
            return same_counter(g.front()->write, pending->write);
        });
        if (group == groups.end()) {
            groups.push_back({pending});
        } else {
            group->push_back(pending);
        }
    }
    return groups;
}

void emit_counted(DistributionService::Changes& changes, const CounterWrite& write,
                  const CounterUpdate& counted) {
    if (write.counter == storage::Counter::Views) {
        changes.emit(domain::event_type::kViewed,
                     domain::viewed_payload(counted.distribution_id, counted.slug,
                                            counted.view_count, changes.now(), write.detail));
    } else {
        changes.emit(domain::event_type::kEnrollmentClicked,
                     domain::enrollment_clicked_payload(counted.distribution_id, counted.slug,
                                                        counted.enrollment_count, changes.now(),
                                                        write.detail));
    }
}
}  // namespace

// Writes to the same counter are one increment by their number, which finds the row, checks what
// the target requires and returns the counts (no read of the distribution before it).
// Each write still gets its own count, n-k+1 … n in queue order, and its own event.
void DistributionService::increment_together(storage::Transaction& tx,
                                             const std::vector<PendingWrite*>& same_counter,
                                             double now, std::vector<std::string>& event_types) {
    const auto& write = same_counter.front()->write;
    const auto by = static_cast<std::int64_t>(same_counter.size());
    const bool by_slug = write.target == CounterWrite::Target::ReadableSlug;
    auto counted = by_slug ? tx.increment_readable(write.counter, write.key, by)
                           : tx.increment(write.counter, write.key, by);
    if (!counted) {
        // One exception each: the writes complete on different threads (see count()).
        for (auto* pending : same_counter)
            pending->error = std::make_exception_ptr(
                NotFound((by_slug ? "no course " : "no distribution ") + write.key));
        return;
    }
    auto& count =
        write.counter == storage::Counter::Views ? counted->view_count : counted->enrollment_count;
    count -= by;
    for (auto* pending : same_counter) {
        ++count;
        Changes changes(tx, pending->ctx, now);
        emit_counted(changes, pending->write, *counted);
        pending->result = *counted;
        event_types.insert(event_types.end(), changes.types().begin(), changes.types().end());
    }
}

void DistributionService::commit_counter_writes(
    const std::vector<std::vector<PendingWrite*>>& same_counter_groups) {
    auto tx = store_.begin_write();
    std::vector<std::string> event_types;
    const double now = clock_();
    for (const auto& group : same_counter_groups) increment_together(*tx, group, now, event_types);
    tx->commit();
    committed(event_types);
}

// Must not throw (GroupCommit's contract): every failure ends up in the writes' own outcomes.
void DistributionService::write_batch(const std::vector<PendingWrite*>& batch) {
    try {
        metrics_.increment("coursedist_group_commit_batches_total");
        metrics_.increment("coursedist_group_commit_writes_total", {}, {},
                           static_cast<double>(batch.size()));
        commit_counter_writes(by_counter(batch));
        return;
    } catch (...) {
        if (batch.size() == 1) {
            batch.front()->error = std::current_exception();
            return;
        }
        // Nothing of the batch committed: each write alone below, so that the one that failed
        // fails by itself.
        for (auto* pending : batch) pending->error = nullptr;
    }
    for (auto* pending : batch) {
        try {
            commit_counter_writes({{pending}});
        } catch (...) {
            pending->error = std::current_exception();
        }
    }
}

}  // namespace coursedist::service
