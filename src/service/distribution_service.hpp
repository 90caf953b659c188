#pragma once
// The use cases of coursedist. Each change runs in one storage transaction that also holds the
// outbox events describing it, so a change never commits without its events.

#include "domain/model.hpp"
#include "domain/requests.hpp"
#include "service/group_commit.hpp"
#include "service/metrics.hpp"
#include "storage/store.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::service {

// Who asked, for the events' correlation_id and deleted_by.
struct RequestContext {
    std::optional<std::string> correlation_id;
    std::string actor = "admin";
};

struct VisibilityChange {
    std::string distribution_id;
    domain::Visibility visibility;
    std::optional<double> published_at;
};

struct VersionBump {
    std::string distribution_id;
    std::string old_version;
    std::string new_version;
};

struct PublicDetail {
    domain::Distribution distribution;
    std::optional<std::string> derived_from_slug;
};

struct ListRequest {
    bool catalog = true;
    std::optional<std::string> language;
    std::optional<std::string> target_group;
    std::optional<std::string> q;
    std::optional<domain::Visibility> visibility;
    std::optional<std::string> cursor;  // opaque, from a previous page's next_cursor
    int limit = 50;
};

struct ListResult {
    std::vector<domain::Distribution> items;
    std::optional<std::string> next_cursor;
};

using Clock = std::function<double()>;  // Unix seconds
double system_clock_now();

class DistributionService {
  public:
    DistributionService(storage::Store& store, Metrics& metrics, Clock clock = system_clock_now);

    domain::Distribution create(const domain::CreateRequest& request, const RequestContext& ctx);
    // if_match: the ETag the client last saw (admin GET); PreconditionFailed when it differs.
    domain::Distribution update(const std::string& id, const domain::UpdateRequest& request,
                                const std::optional<std::string>& if_match,
                                const RequestContext& ctx);
    void remove(const std::string& id, const RequestContext& ctx);
    VisibilityChange publish(const std::string& id, const RequestContext& ctx);
    VisibilityChange unpublish(const std::string& id, const RequestContext& ctx);
    domain::Distribution create_variant(const std::string& parent_id,
                                        const domain::VariantRequest& request,
                                        const RequestContext& ctx);
    VersionBump bump_version(const std::string& id, const std::optional<std::string>& changelog,
                             const RequestContext& ctx);

    // Counters: the count after the increment. By id (admin API) or by slug of a publicly
    // readable distribution (pages); NotFound otherwise. Concurrent counter writes commit
    // together (group commit); each returns once its own increment and event are committed.
    std::int64_t log_view(const std::string& id, const std::optional<std::string>& referrer,
                          const RequestContext& ctx);
    std::int64_t track_click(const std::string& id, const std::optional<std::string>& cta_type,
                             const RequestContext& ctx);
    // The page view: returns what the page shows, with the view counted.
    PublicDetail log_view_by_slug(const std::string& slug,
                                  const std::optional<std::string>& referrer,
                                  const RequestContext& ctx);
    // Returns the distribution after the click (for the redirect target).
    domain::Distribution track_click_by_slug(const std::string& slug,
                                             const std::optional<std::string>& cta_type,
                                             const RequestContext& ctx);

    domain::Distribution get(const std::string& id);
    std::vector<domain::Distribution> variants(const std::string& parent_id);
    std::vector<domain::ChangelogEntry> changelog(const std::string& id);
    PublicDetail public_detail(const std::string& slug);
    ListResult list(const ListRequest& request);  // ValidationFailed for a bad cursor
    std::int64_t count_public();

    storage::Store& store() { return store_; }
    Metrics& metrics() { return metrics_; }
    double now() const { return clock_(); }
    // Called after every commit that appended outbox events (the relay's wake-up). Set before
    // serving: it is read without a lock.
    void set_on_commit(std::function<void()> hook) { on_commit_ = std::move(hook); }
    // Grows with every committed write of this process; read views cached under one value are
    // current while it stays the same (view_cache.hpp).
    std::uint64_t write_generation() const {
        return write_generation_.load(std::memory_order_acquire);
    }

  private:
    // Consumed events write through the same transaction and slug logic (event_ingest.hpp).
    friend class EventIngest;
    class Changes;
    struct PendingWrite;
    template <typename Work>
    auto write(const RequestContext& ctx, Work&& work);
    // Like write(), but shares its transaction with the writes queued at the same time.
    template <typename Work>
    auto write_together(const RequestContext& ctx, Work&& work);
    void write_batch(const std::vector<PendingWrite*>& batch);
    void committed(const std::vector<std::string>& event_types);
    std::string free_slug(storage::Transaction& tx, const std::string& base);

    storage::Store& store_;
    Metrics& metrics_;
    Clock clock_;
    std::function<void()> on_commit_;
    std::atomic<std::uint64_t> write_generation_{0};
    GroupCommit<PendingWrite> counter_writes_{
        [this](const std::vector<PendingWrite*>& batch) { write_batch(batch); }};
};

}  // namespace coursedist::service
