// The commit side of DistributionService's writes: bookkeeping after every commit, and the batch
// runner behind count() (group commit of views and clicks).

#include "service/distribution_service.hpp"
#include "service/errors.hpp"
#include "service/write_scope.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

// The writes in groups of those with the same key, in queue order.
template <typename SameKey>
std::vector<std::vector<PendingWrite*>> split(const std::vector<PendingWrite*>& writes,
                                              SameKey same_key) {
    std::vector<std::vector<PendingWrite*>> parts;
    for (auto* pending : writes) {
        auto part = std::find_if(parts.begin(), parts.end(), [&](const auto& p) {
            return same_key(p.front()->write, pending->write);
        });
        if (part == parts.end()) {
            parts.push_back({pending});
        } else {
            part->push_back(pending);
        }
    }
    return parts;
}

// The batch in groups of writes to the same counter of the same distribution, ordered by
// distribution: transactions on several instances then lock rows in one order (PostgreSQL).
std::vector<std::vector<PendingWrite*>> by_counter(const std::vector<PendingWrite*>& batch) {
    auto groups = split(batch, same_counter);
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
        return a.front()->write.key < b.front()->write.key;
    });
    return groups;
}

// The event of `count` counts of `counter`, the last of them leaving the counter at `total`.
void emit_counted(DistributionService::Changes& changes, storage::Counter counter,
                  std::string_view distribution_id, std::string_view slug, std::int64_t total,
                  double at, const std::optional<std::string>& detail, std::int64_t count,
                  const std::optional<std::string>& correlation_id) {
    if (counter == storage::Counter::Views) {
        changes.emit(domain::event_type::kViewed,
                     domain::viewed_payload(distribution_id, slug, total, at, detail, count),
                     correlation_id);
    } else {
        changes.emit(
            domain::event_type::kEnrollmentClicked,
            domain::enrollment_clicked_payload(distribution_id, slug, total, at, detail, count),
            correlation_id);
    }
}

std::int64_t& count_of(storage::CounterUpdate& counts, storage::Counter counter) {
    return counter == storage::Counter::Views ? counts.view_count : counts.enrollment_count;
}
std::int64_t count_of(const storage::CounterUpdate& counts, storage::Counter counter) {
    return counter == storage::Counter::Views ? counts.view_count : counts.enrollment_count;
}

}  // namespace

void DistributionService::emit_window(Changes& changes, const storage::CounterWindow& window) {
    emit_counted(changes, window.counter, window.distribution_id, window.slug, window.total,
                 window.last_at,
                 window.category.empty() ? std::nullopt : std::optional(window.category),
                 window.count, window.correlation_id);
}

// What the counts of one counter of one distribution leave besides the counter: their hourly
// buckets, and their events (one each without a window; else added to the open windows).
// `after`: the counts after the last write; each write's result is set to its own.
void DistributionService::add_counted(Changes& changes, const std::vector<PendingWrite*>& writes,
                                      const CounterUpdate& after) {
    const auto counter = writes.front()->write.counter;
    auto own = after;
    count_of(own, counter) -= static_cast<std::int64_t>(writes.size());
    for (auto* pending : writes) {
        ++count_of(own, counter);
        pending->result = own;
    }
    auto& tx = changes.transaction();
    const auto hour = static_cast<std::int64_t>(std::floor(changes.now() / 3600));
    for (const auto& same : split(writes, [](const CounterWrite&a, const CounterWrite&b) {
             return a.detail == b.detail && a.variant == b.variant;
         })) {
        const auto& w = same.front()->write;
        tx.add_to_bucket({after.distribution_id, hour, counter, w.detail.value_or(""), w.variant,
                          static_cast<std::int64_t>(same.size())});
    }
    if (options_.counter_event_window <= 0) {
        for (auto* pending : writes)
            emit_counted(changes, counter, after.distribution_id, after.slug,
                         count_of(*pending->result, counter), changes.now(), pending->write.detail,
                         1, pending->ctx.correlation_id);
        return;
    }
    for (const auto& same : split(writes, [](const CounterWrite&a, const CounterWrite&b) {
             return a.detail == b.detail;
         })) {
        const auto* last = same.back();
        tx.add_to_window({after.distribution_id, after.slug, counter,
                          last->write.detail.value_or(""), static_cast<std::int64_t>(same.size()),
                          count_of(*last->result, counter), changes.now(), changes.now(),
                          same.front()->ctx.correlation_id});
    }
}

// Writes to the same counter are one increment by their number, which finds the row, checks what
// the target requires and returns the counts (no read of the distribution before it).
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
    Changes changes(tx, same_counter.front()->ctx, now);
    add_counted(changes, same_counter, *counted);
    event_types.insert(event_types.end(), changes.types().begin(), changes.types().end());
}

std::optional<double> DistributionService::close_counter_windows(Windows which) {
    RequestContext ctx;
    const double window = options_.counter_event_window;
    return write(ctx, [&](storage::Transaction& tx, Changes& changes) -> std::optional<double> {
        auto due = tx.take_windows(which == Windows::All ? std::numeric_limits<double>::max()
                                                         : changes.now() - window);
        std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
            return a.opened_at != b.opened_at ? a.opened_at < b.opened_at
                                              : a.distribution_id < b.distribution_id;
        });
        for (const auto& open : due) emit_window(changes, open);
        auto earliest = tx.earliest_window();
        if (!earliest) return std::nullopt;
        return *earliest + window;
    });
}

void DistributionService::commit_counter_writes(
    const std::vector<std::vector<PendingWrite*>>& same_counter_groups) {
    auto tx = store_.begin_write();
    std::vector<std::string> event_types;
    const double now = clock_();
    for (const auto& group : same_counter_groups) increment_together(*tx, group, now, event_types);
    tx->commit();
    committed(event_types);
    if (options_.counter_event_window > 0 && on_window_opened_) on_window_opened_();
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
