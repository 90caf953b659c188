// The commit side of DistributionService's writes: bookkeeping after every commit, and the batch
// runner behind write_together().

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
    if (on_commit_ && !event_types.empty()) on_commit_();
}

void DistributionService::write_batch(const std::vector<PendingWrite*>& batch) {
    metrics_.increment("coursedist_group_commit_batches_total");
    metrics_.increment("coursedist_group_commit_writes_total", {}, {},
                       static_cast<double>(batch.size()));
    if (batch.size() > 1) {
        try {
            auto tx = store_.begin_write();
            std::vector<std::string> event_types;
            for (auto* pending : batch) {
                Changes changes(*tx, pending->ctx, clock_());
                try {
                    pending->result = apply(*tx, changes, pending->write);
                } catch (const NotFound&) {
                    pending->error = std::current_exception();
                    continue;
                }
                event_types.insert(event_types.end(), changes.types().begin(),
                                   changes.types().end());
            }
            tx->commit();
            committed(event_types);
            return;
        } catch (...) {
            // Nothing of the batch committed: each write alone below, so that the one that
            // failed fails by itself.
            for (auto* pending : batch) pending->error = nullptr;
        }
    }
    for (auto* pending : batch) {
        try {
            pending->result = write(pending->ctx, [&](storage::Transaction& tx, Changes& changes) {
                return apply(tx, changes, pending->write);
            });
        } catch (...) {
            pending->error = std::current_exception();
        }
    }
}

}  // namespace coursedist::service
