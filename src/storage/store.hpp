#pragma once
// The one storage interface the service uses. Every change runs in one Transaction that holds the
// change, its outbox events and (for consumed events) its dedup row; SQLite and PostgreSQL
// implement it.

#include "domain/event.hpp"
#include "domain/experiment.hpp"
#include "domain/model.hpp"
#include "domain/stats_range.hpp"
#include "domain/webhook.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::storage {

// The unique slug constraint of the database refused a write.
class SlugTaken : public std::runtime_error {
  public:
    explicit SlugTaken(std::string slug)
        : std::runtime_error("slug taken: " + slug), slug_(std::move(slug)) {}
    const std::string& slug() const { return slug_; }

  private:
    std::string slug_;
};

// The database cannot be reached or stays busy: the operation may succeed when retried.
class StorageUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Position in a listing ordered by (sort_key DESC, distribution_id DESC).
struct ListCursor {
    double sort_key = 0;
    std::string distribution_id;
};

struct ListQuery {
    bool catalog = false;  // true: only public + published, ordered by published_at;
                           // false: any visibility, ordered by created_at
    std::optional<std::string> language;
    std::optional<std::string> target_group;
    std::optional<std::string> text;  // already case-folded (domain::fold_case)
    std::optional<domain::Visibility> visibility;
    std::optional<ListCursor> after;
    int limit = 50;
};

struct ListPage {
    std::vector<domain::Distribution> items;
    std::optional<ListCursor> next;
};

enum class Counter { Views, Enrollments };

// A counter write's outcome: whose counter it was, and both counts after the write.
struct CounterUpdate {
    std::string distribution_id;
    std::string slug;
    std::int64_t view_count = 0;
    std::int64_t enrollment_count = 0;
    friend bool operator==(const CounterUpdate&, const CounterUpdate&) = default;
};

// --- Statistics: sums of the hourly counter buckets (counter_buckets), read side -------------
// `hours` is a half-open range of UTC hour indices (floor(unix_seconds / 3600)). A query reads only
// the buckets of its range: per distribution through the primary key (distribution_id, hour, …),
// catalog-wide through the index on hour.

// The views and clicks of one UTC hour.
struct HourCounts {
    std::int64_t hour = 0;
    std::int64_t views = 0;
    std::int64_t clicks = 0;
    friend bool operator==(const HourCounts&, const HourCounts&) = default;
};

// The views of one referrer category, or the clicks of one CTA type ("" when the write had none).
struct CategoryCount {
    Counter counter = Counter::Views;
    std::string category;
    std::int64_t count = 0;
    friend bool operator==(const CategoryCount&, const CategoryCount&) = default;
};

// One distribution's sums over a range.
struct DistributionCounts {
    std::string distribution_id;
    std::string slug;
    std::string title;
    std::int64_t views = 0;
    std::int64_t clicks = 0;
    friend bool operator==(const DistributionCounts&, const DistributionCounts&) = default;
};

// The catalog's sums over a range: by hour, and the most viewed distributions.
struct CatalogCounts {
    std::vector<HourCounts> hours;
    std::vector<DistributionCounts> most_viewed;
};
// --- end of statistics types -----------------------------------------------------------------

// What counted views and clicks leave besides the counters (analytics.md): hourly buckets, and
// the open windows of coalesced counter events. Written in the counter's own transaction.
inline constexpr std::string_view counter_kind(Counter counter) {
    return counter == Counter::Views ? "view" : "click";
}
inline Counter counter_of_kind(std::string_view kind) {
    return kind == "view" ? Counter::Views : Counter::Enrollments;
}

// Counts added to one hourly UTC bucket of a distribution.
struct BucketCount {
    std::string distribution_id;
    std::int64_t hour = 0;  // floor(Unix seconds / 3600)
    Counter counter = Counter::Views;
    std::string category;  // views: referrer category; clicks: CTA type; "" when none
    std::string variant;   // CTA experiment variant; "" outside experiments
    std::int64_t count = 0;
    friend bool operator==(const BucketCount&, const BucketCount&) = default;
};

// The counts of one distribution, counter and category not yet described by an event: one
// coalesced event once the window closes (analytics.md, "Counter events").
struct CounterWindow {
    std::string distribution_id;
    std::string slug;  // the slug of the last count
    Counter counter = Counter::Views;
    std::string category;  // as in BucketCount
    std::int64_t count = 0;
    std::int64_t total = 0;                     // the counter after the last count it holds
    double opened_at = 0;                       // the first count's time
    double last_at = 0;                         // the last count's time
    std::optional<std::string> correlation_id;  // the first count's request
};

struct OutboxEvent {
    std::int64_t seq = 0;
    std::string event_id;
    std::string event_type;
    std::string envelope_json;  // the envelope as JSON (objects as objects)
    double created_at = 0;
};

struct ProcessedEvent {
    std::string subscriber_name;
    std::string stream_name;
    std::string stream_message_id;
    std::string event_id;
    std::string event_type;
    double processed_at = 0;
    std::optional<std::string> tenant_id;
    std::string metadata_json = "{}";
};

// --- Webhooks (spec/webhooks.md) ---------------------------------------------------------------
// Each webhook walks the outbox in seq (= commit) order: `position` is the seq of the last event
// it is done with (delivered, failed or not subscribed). The event after it is being tried:
// `attempts` so far, the first one at `first_attempt_at`, the next due at `next_attempt_at`. A
// dispatcher claims a webhook (a lease until `claimed_until`, under a random token) before it
// sends, so that one attempt is made by one instance only.
struct WebhookProgress {
    std::int64_t position = 0;
    int attempts = 0;
    std::optional<double> first_attempt_at;
    std::optional<double> next_attempt_at;
    int failures_in_row = 0;  // failed deliveries in a row (20 deactivate the webhook)
    friend bool operator==(const WebhookProgress&, const WebhookProgress&) = default;
};

struct ClaimedWebhook {
    domain::Webhook webhook;
    WebhookProgress progress;
};

// One attempt in the delivery log. status: "pending" (failed, tried again at next_attempt_at),
// "delivered" or "failed" (no further try).
struct DeliveryAttempt {
    std::int64_t delivery_id = 0;  // assigned by append_delivery
    std::string webhook_id;
    std::int64_t seq = 0;
    std::string event_id;
    std::string event_type;
    int attempt = 1;
    std::string status;
    std::optional<std::int64_t> response_status;
    std::optional<std::string> error;
    std::int64_t duration_ms = 0;
    double attempted_at = 0;
    std::optional<double> next_attempt_at;
    std::string response_excerpt;
    friend bool operator==(const DeliveryAttempt&, const DeliveryAttempt&) = default;
};

// A delivery queued again by hand: the event as it was logged, sent once more out of order.
struct QueuedRedelivery {
    std::int64_t redelivery_id = 0;
    std::int64_t seq = 0;
    std::string event_id;
    std::string event_type;
    std::string envelope_json;
};
// --- end of webhook types ----------------------------------------------------------------------

class Transaction {
  public:
    virtual ~Transaction() = default;  // rolls back unless committed

    virtual std::optional<domain::Distribution> find(std::string_view distribution_id) = 0;
    virtual std::optional<domain::Distribution> find_by_slug(std::string_view slug) = 0;
    virtual bool slug_exists(std::string_view slug) = 0;
    // The non-variant distribution of a course, if any.
    virtual std::optional<domain::Distribution> find_original(std::string_view course_id) = 0;
    virtual std::vector<domain::Distribution> find_by_course(std::string_view course_id) = 0;
    virtual std::vector<domain::Distribution> variants_of(std::string_view parent_id) = 0;
    virtual ListPage list(const ListQuery& query) = 0;
    virtual std::int64_t count_public() = 0;

    // Throw SlugTaken when the database's unique slug constraint refuses the row.
    virtual void insert(const domain::Distribution& d) = 0;
    virtual void update(const domain::Distribution& d) = 0;
    virtual bool remove(std::string_view distribution_id) = 0;

    // Atomic increment of one counter by `by` (> 0), in one statement (no read before it);
    // nullopt for an unknown id.
    virtual std::optional<CounterUpdate> increment(Counter counter,
                                                   std::string_view distribution_id,
                                                   std::int64_t by = 1) = 0;
    // The same for the publicly readable (public or unlisted) distribution with this slug;
    // nullopt when there is none.
    virtual std::optional<CounterUpdate> increment_readable(Counter counter, std::string_view slug,
                                                            std::int64_t by = 1) = 0;

    // Adds `bucket.count` to its bucket.
    virtual void add_to_bucket(const BucketCount& bucket) = 0;
    // The buckets of one distribution with from_hour <= hour < to_hour, by hour.
    virtual std::vector<BucketCount> buckets_of(std::string_view distribution_id,
                                                std::int64_t from_hour, std::int64_t to_hour) = 0;
    // Deletes up to `limit` buckets older than `hour_before`; returns how many.
    virtual std::int64_t prune_buckets(std::int64_t hour_before, int limit) = 0;
    // Adds to the open window of (distribution, counter, category), or opens it: count adds up,
    // total, slug and last_at take the later values, opened_at and correlation_id stay.
    virtual void add_to_window(const CounterWindow& window) = 0;
    // Deletes and returns the windows opened at or before `opened_by`, in no particular order.
    virtual std::vector<CounterWindow> take_windows(double opened_by) = 0;
    // Deletes and returns the open windows of one distribution.
    virtual std::vector<CounterWindow> take_windows_of(std::string_view distribution_id) = 0;
    // When the oldest open window opened; nullopt with none open.
    virtual std::optional<double> earliest_window() = 0;

    virtual void add_changelog(std::string_view distribution_id,
                               const domain::ChangelogEntry& entry) = 0;
    virtual std::vector<domain::ChangelogEntry> changelog(std::string_view distribution_id) = 0;

    // Outbox: appended in the same transaction as the change it describes; returns its seq.
    virtual std::int64_t append_outbox(const OutboxEvent& event) = 0;
    virtual std::vector<OutboxEvent> outbox_after(std::int64_t after_seq, int limit) = 0;
    virtual std::vector<OutboxEvent> unpublished_outbox(int limit) = 0;
    virtual void mark_published(const std::vector<std::int64_t>& seqs, double published_at) = 0;
    // Deletes the published rows older than `published_before` that every active webhook is
    // done with (seq at or before its position); returns how many.
    virtual std::int64_t prune_published(double published_before) = 0;
    // The event log of embedded mode: deletes, oldest first, up to `limit` rows created before
    // `created_before` (published or not) that every active webhook is done with; returns how
    // many. Seqs are never reused.
    virtual std::int64_t prune_event_log(double created_before, int limit) = 0;
    virtual std::int64_t outbox_backlog() = 0;

    // Dedup of consumed events: false when (subscriber_name, stream_message_id) already exists.
    virtual bool record_processed(const ProcessedEvent& event) = 0;

    // --- Statistics (counter_buckets; see HourCounts) ---------------------------------------
    // The hours of `hours` with any bucket of the distribution, ascending.
    virtual std::vector<HourCounts> hourly_counts(std::string_view distribution_id,
                                                  domain::HourSpan hours) = 0;
    // The distribution's views by referrer category and clicks by CTA type over `hours`, by
    // counter then category; sums of zero left out.
    virtual std::vector<CategoryCount> category_counts(std::string_view distribution_id,
                                                       domain::HourSpan hours) = 0;
    // Over every distribution: the hours of `hours` with any bucket, ascending, and at most
    // `most_viewed_limit` existing distributions with the most views over `hours` (none without
    // views), ties by slug ascending.
    virtual CatalogCounts catalog_counts(domain::HourSpan hours, int most_viewed_limit) = 0;
    // --- end of statistics ------------------------------------------------------------------

    // --- Webhooks (WebhookProgress above) ---------------------------------------------------
    // Inserts a webhook whose position is the last committed outbox seq: it gets the events
    // committed after it.
    virtual void insert_webhook(const domain::Webhook& webhook) = 0;
    virtual std::optional<domain::Webhook> find_webhook(std::string_view webhook_id) = 0;
    virtual std::vector<domain::Webhook> list_webhooks() = 0;  // oldest first
    // Writes url, events, description, active, the secrets and updated_at; a webhook set active
    // again starts a new count of failures. False for an unknown id.
    virtual bool update_webhook(const domain::Webhook& webhook) = 0;
    // Deletes it with its delivery log and queued redeliveries; false for an unknown id.
    virtual bool remove_webhook(std::string_view webhook_id) = 0;
    // Whether some active webhook, not claimed at `now`, has an attempt due: a queued
    // redelivery, or an event after its position with no retry waiting past `now`.
    virtual bool webhook_due(double now) = 0;
    // Claims one such webhook until `lease_until` under `token` (PostgreSQL: rows locked by
    // another claim are skipped); nullopt when none is due.
    virtual std::optional<ClaimedWebhook> claim_due_webhook(double now, double lease_until,
                                                            std::string_view token) = 0;
    // Saves the progress of a claimed webhook and extends its claim to `lease_until` (nullopt:
    // releases it); `deactivate` sets it inactive. False when the claim was lost (its lease ran
    // out and another took it): nothing is written.
    virtual bool save_webhook_progress(std::string_view webhook_id, std::string_view token,
                                       const WebhookProgress& progress,
                                       std::optional<double> lease_until, bool deactivate) = 0;
    // Appends to the delivery log; returns the delivery_id (increasing).
    virtual std::int64_t append_delivery(const DeliveryAttempt& attempt) = 0;
    // The log of one webhook, newest first, with delivery_id < before_id when given.
    virtual std::vector<DeliveryAttempt> deliveries_of(std::string_view webhook_id,
                                                       std::optional<std::int64_t> before_id,
                                                       int limit) = 0;
    virtual std::optional<DeliveryAttempt> find_delivery(std::string_view webhook_id,
                                                         std::int64_t delivery_id) = 0;
    // Deletes the log rows attempted before `attempted_before`; returns how many.
    virtual std::int64_t prune_deliveries(double attempted_before) = 0;
    virtual std::optional<OutboxEvent> find_outbox(std::int64_t seq) = 0;
    virtual void queue_redelivery(std::string_view webhook_id, const QueuedRedelivery& event) = 0;
    // The oldest queued redelivery of a webhook.
    virtual std::optional<QueuedRedelivery> next_redelivery(std::string_view webhook_id) = 0;
    virtual void remove_redelivery(std::int64_t redelivery_id) = 0;
    // created_at of the oldest outbox event after the position of an active webhook.
    virtual std::optional<double> oldest_undelivered() = 0;
    // --- end of webhooks --------------------------------------------------------------------

    // --- CTA experiments (domain/experiment.hpp) ---------------------------------------------
    // At most one running experiment per distribution: a second one violates a unique index
    // (the service checks first).
    virtual void insert_experiment(const domain::Experiment& experiment) = 0;
    virtual std::optional<domain::Experiment> find_experiment(std::string_view experiment_id) = 0;
    virtual std::vector<domain::Experiment> experiments_of(std::string_view distribution_id) = 0;
    virtual std::optional<domain::Experiment> running_experiment(
        std::string_view distribution_id) = 0;
    // Writes status, stopped_at and winner; false for an unknown id.
    virtual bool update_experiment(const domain::Experiment& experiment) = 0;
    // The distribution's bucket sums by variant and counter (hour 0, category ""), over the
    // buckets from `from_hour` on that have a variant.
    virtual std::vector<BucketCount> variant_counts(std::string_view distribution_id,
                                                    std::int64_t from_hour) = 0;
    // --- end of CTA experiments -------------------------------------------------------------

    virtual void commit() = 0;
};

class Store {
  public:
    virtual ~Store() = default;
    virtual std::unique_ptr<Transaction> begin_read() = 0;
    virtual std::unique_ptr<Transaction> begin_write() = 0;
    virtual void migrate() = 0;
    virtual int schema_version() = 0;
    virtual bool ping() = 0;
    virtual std::string backend_name() const = 0;
};

}  // namespace coursedist::storage
