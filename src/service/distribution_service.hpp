#pragma once
// The use cases of coursedist. Each change runs in one storage transaction that also holds the
// outbox events describing it, so a change never commits without its events.

#include "domain/experiment.hpp"
#include "domain/model.hpp"
#include "domain/requests.hpp"
#include "service/group_commit.hpp"
#include "service/metrics.hpp"
#include "service/outcome.hpp"
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
    // The distribution's running CTA experiment, if any (growth.md).
    std::optional<domain::Experiment> experiment;
    // The variant this page shows (its CTA is distribution.cta then; the enroll link names it).
    std::optional<std::string> variant_key;
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

// One view or one enrollment click. `key` names the distribution: an id (any visibility; the
// admin API) or the slug of a publicly readable one (the pages). `detail` is what the event
// carries besides the count and the category of its hourly bucket: the referrer_category of a
// view, the cta_type of a click. `variant`: the CTA experiment variant shown (growth.md).
struct CounterWrite {
    enum class Target { Id, ReadableSlug };
    storage::Counter counter = storage::Counter::Views;
    Target target = Target::Id;
    std::string key;
    std::optional<std::string> detail;
    std::string variant;

    static CounterWrite view(std::string id, std::optional<std::string> referrer_category);
    static CounterWrite click(std::string id, std::optional<std::string> cta_type);
    static CounterWrite page_view(std::string slug, std::optional<std::string> referrer_category);
    static CounterWrite page_click(std::string slug, std::optional<std::string> cta_type);
};

// Whose counter a write counted, with both counts after it.
using CounterUpdate = storage::CounterUpdate;

using Clock = std::function<double()>;  // Unix seconds
double system_clock_now();

struct ServiceOptions {
    // Counts of one distribution, counter and category within this many seconds share one
    // coalesced event (analytics.md, "Counter events"); 0: one event per count.
    double counter_event_window = 0;
};

class DistributionService {
  public:
    DistributionService(storage::Store& store, Metrics& metrics, Clock clock = system_clock_now,
                        ServiceOptions options = {});

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

    // Counters. N concurrent writes add exactly N; each write's event carries its own count.
    // Counter writes that arrive together commit together (group commit); a write completes once
    // its own increment and event are committed, with the counts after it, or fails alone
    // (NotFound when no distribution matches). The writes commit on a committer thread of the
    // service's own: count() returns at once and `done` runs there, so it should only hand the
    // outcome on (the next batch waits for it).
    void count(CounterWrite write, RequestContext ctx, Completion<CounterUpdate> done);
    // The same, waiting for the commit.
    CounterUpdate count(CounterWrite write, const RequestContext& ctx);
    // Commits the counter writes still queued and ends the committer; later writes commit on
    // their caller's thread. For shutdown, once the server has drained and before whatever the
    // commit hook wakes goes away. Idempotent; the destructor does it too.
    void stop_committer() { counter_writes_.stop(); }

    // Turns the counter windows opened a window ago or earlier (all with Windows::All: at
    // shutdown) into their events, in one transaction. Returns when the next open window is due,
    // nullopt with none open. The counter upkeep calls it (counter_upkeep.hpp).
    enum class Windows { Due, All };
    std::optional<double> close_counter_windows(Windows which = Windows::Due);
    double counter_event_window() const { return options_.counter_event_window; }
    // Called (on the committing thread) after a commit that may have opened a counter window.
    void set_on_window_opened(std::function<void()> hook) { on_window_opened_ = std::move(hook); }

    domain::Distribution get(const std::string& id);
    std::vector<domain::Distribution> variants(const std::string& parent_id);
    std::vector<domain::ChangelogEntry> changelog(const std::string& id);
    // The publicly readable course at `slug`; NotFound, or for a slug the course had before Moved
    // (readable under another slug now) or Gone (its distribution was deleted).
    PublicDetail public_detail(const std::string& slug);
    // The old slugs of a distribution (newest first), and releasing one (NotFound when it has no
    // such old slug): the slug is free for any distribution then.
    std::vector<storage::SlugRecord> old_slugs(const std::string& id);
    void release_old_slug(const std::string& id, const std::string& slug);
    ListResult list(const ListRequest& request);  // ValidationFailed for a bad cursor
    std::int64_t count_public();

    storage::Store& store() { return store_; }
    Metrics& metrics() { return metrics_; }
    double now() const { return clock_(); }
    // Adds a hook called after every commit that appended outbox events (the outbox keeper's
    // wake-up, the event feed's), on the committing thread. Added before the first write: they
    // are read without a lock.
    void add_on_commit(std::function<void()> hook) { on_commit_.push_back(std::move(hook)); }
    // Grows with every committed write of this process; read views cached under one value are
    // current while it stays the same (view_cache.hpp).
    std::uint64_t write_generation() const {
        return write_generation_.load(std::memory_order_acquire);
    }
    // Like write_generation(), but counter writes leave it alone: what a page shows besides its
    // counters is current while it stays the same.
    std::uint64_t content_generation() const {
        return content_generation_.load(std::memory_order_acquire);
    }

    // Defined in write_scope.hpp, private to src/service.
    class Changes;
    struct PendingWrite;

  private:
    // Consumed events write through the same transaction and slug logic (event_ingest.hpp).
    friend class EventIngest;
    // Experiments write through it too: a winner's CTA with its event (experiment_service.hpp).
    friend class ExperimentService;
    template <typename Work>
    auto write(const RequestContext& ctx, Work&& work);
    void write_batch(const std::vector<PendingWrite*>& batch);
    void commit_counter_writes(const std::vector<std::vector<PendingWrite*>>& same_counter_groups);
    void increment_together(storage::Transaction& tx,
                            const std::vector<PendingWrite*>& same_counter, double now,
                            std::vector<std::string>& event_types);
    void committed(const std::vector<std::string>& event_types);
    void add_counted(Changes& changes, const std::vector<PendingWrite*>& same_counter,
                     const CounterUpdate& after);
    void emit_window(Changes& changes, const storage::CounterWindow& window);

    storage::Store& store_;
    Metrics& metrics_;
    Clock clock_;
    ServiceOptions options_;
    std::vector<std::function<void()>> on_commit_;
    std::function<void()> on_window_opened_;
    std::atomic<std::uint64_t> write_generation_{0};
    std::atomic<std::uint64_t> content_generation_{0};
    GroupCommit<PendingWrite> counter_writes_{
        [this](const std::vector<PendingWrite*>& batch) { write_batch(batch); }};
};

}  // namespace coursedist::service
