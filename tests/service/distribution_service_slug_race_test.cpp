// The slug race of create and create_variant: another writer takes the slug between the service's
// check and its insert (possible on PostgreSQL, where writers do not queue for one lock). The
// store here is the real SQLite store; only one answer of its slug check is stale, as it would
// be on PostgreSQL when the rival commits right after the check: the rival's row is committed
// before the write begins, the check misses it once, and the database's unique constraint refuses
// the insert.

#include "service/errors.hpp"
#include "service/service_fixture.hpp"

#include <gtest/gtest.h>

namespace coursedist::service {
namespace {

using namespace testing;

// Forwards everything to the real transaction, except that the first slug check for `missed`
// answers "free".
class StaleCheckTransaction : public storage::Transaction {
  public:
    StaleCheckTransaction(std::unique_ptr<storage::Transaction> real, std::string& missed)
        : real_(std::move(real)), missed_(missed) {}

    bool slug_exists(std::string_view slug) override {
        if (!missed_.empty() && slug == missed_) {
            missed_.clear();
            return false;
        }
        return real_->slug_exists(slug);
    }

    std::optional<domain::Distribution> find(std::string_view id) override {
        return real_->find(id);
    }
    std::optional<domain::Distribution> find_by_slug(std::string_view slug) override {
        return real_->find_by_slug(slug);
    }
    std::optional<domain::Distribution> find_original(std::string_view course_id) override {
        return real_->find_original(course_id);
    }
    std::vector<domain::Distribution> find_by_course(std::string_view course_id) override {
        return real_->find_by_course(course_id);
    }
    std::vector<domain::Distribution> variants_of(std::string_view parent_id) override {
        return real_->variants_of(parent_id);
    }
    storage::ListPage list(const storage::ListQuery& query) override { return real_->list(query); }
    std::int64_t count_public() override { return real_->count_public(); }
    void insert(const domain::Distribution& d) override { real_->insert(d); }
    void update(const domain::Distribution& d) override { real_->update(d); }
    bool remove(std::string_view id) override { return real_->remove(id); }
    std::optional<storage::CounterUpdate> increment(storage::Counter counter, std::string_view id,
                                                    std::int64_t by) override {
        return real_->increment(counter, id, by);
    }
    std::optional<storage::CounterUpdate> increment_readable(storage::Counter counter,
                                                             std::string_view slug,
                                                             std::int64_t by) override {
        return real_->increment_readable(counter, slug, by);
    }
    void add_to_bucket(const storage::BucketCount& bucket) override {
        real_->add_to_bucket(bucket);
    }
    std::vector<storage::BucketCount> buckets_of(std::string_view id, std::int64_t from_hour,
                                                 std::int64_t to_hour) override {
        return real_->buckets_of(id, from_hour, to_hour);
    }
    std::int64_t prune_buckets(std::int64_t hour_before, int limit) override {
        return real_->prune_buckets(hour_before, limit);
    }
    void add_to_window(const storage::CounterWindow& window) override {
        real_->add_to_window(window);
    }
    std::vector<storage::CounterWindow> take_windows(double opened_by) override {
        return real_->take_windows(opened_by);
    }
    std::vector<storage::CounterWindow> take_windows_of(std::string_view id) override {
        return real_->take_windows_of(id);
    }
    std::optional<double> earliest_window() override { return real_->earliest_window(); }
    void add_changelog(std::string_view id, const domain::ChangelogEntry& entry) override {
        real_->add_changelog(id, entry);
    }
    std::vector<domain::ChangelogEntry> changelog(std::string_view id) override {
        return real_->changelog(id);
    }
    std::int64_t append_outbox(const storage::OutboxEvent& event) override {
        return real_->append_outbox(event);
    }
    std::vector<storage::OutboxEvent> outbox_after(std::int64_t after, int limit) override {
        return real_->outbox_after(after, limit);
    }
    std::vector<storage::OutboxEvent> unpublished_outbox(int limit) override {
        return real_->unpublished_outbox(limit);
    }
    void mark_published(const std::vector<std::int64_t>& seqs, double at) override {
        real_->mark_published(seqs, at);
    }
    std::int64_t prune_published(double before) override { return real_->prune_published(before); }
    std::int64_t prune_event_log(double before, int limit) override {
        return real_->prune_event_log(before, limit);
    }
    std::int64_t outbox_backlog() override { return real_->outbox_backlog(); }
    bool record_processed(const storage::ProcessedEvent& event) override {
        return real_->record_processed(event);
    }
    std::vector<storage::HourCounts> hourly_counts(std::string_view id,
                                                   domain::HourSpan hours) override {
        return real_->hourly_counts(id, hours);
    }
    std::vector<storage::CategoryCount> category_counts(std::string_view id,
                                                        domain::HourSpan hours) override {
        return real_->category_counts(id, hours);
    }
    storage::CatalogCounts catalog_counts(domain::HourSpan hours, int limit) override {
        return real_->catalog_counts(hours, limit);
    }
    // --- Webhooks ---
    void insert_webhook(const domain::Webhook& webhook) override { real_->insert_webhook(webhook); }
    std::optional<domain::Webhook> find_webhook(std::string_view webhook_id) override {
        return real_->find_webhook(webhook_id);
    }
    std::vector<domain::Webhook> list_webhooks() override { return real_->list_webhooks(); }
    bool update_webhook(const domain::Webhook& webhook) override {
        return real_->update_webhook(webhook);
    }
    bool remove_webhook(std::string_view webhook_id) override {
        return real_->remove_webhook(webhook_id);
    }
    bool webhook_due(double now) override { return real_->webhook_due(now); }
    std::optional<storage::ClaimedWebhook> claim_due_webhook(double now, double lease_until,
                                                             std::string_view token) override {
        return real_->claim_due_webhook(now, lease_until, token);
    }
    bool save_webhook_progress(std::string_view webhook_id, std::string_view token,
                               const storage::WebhookProgress& progress,
                               std::optional<double> lease_until, bool deactivate) override {
        return real_->save_webhook_progress(webhook_id, token, progress, lease_until, deactivate);
    }
    std::int64_t append_delivery(const storage::DeliveryAttempt& attempt) override {
        return real_->append_delivery(attempt);
    }
    std::vector<storage::DeliveryAttempt> deliveries_of(std::string_view webhook_id,
                                                        std::optional<std::int64_t> before_id,
                                                        int limit) override {
        return real_->deliveries_of(webhook_id, before_id, limit);
    }
    std::optional<storage::DeliveryAttempt> find_delivery(std::string_view webhook_id,
                                                          std::int64_t delivery_id) override {
        return real_->find_delivery(webhook_id, delivery_id);
    }
    std::int64_t prune_deliveries(double attempted_before) override {
        return real_->prune_deliveries(attempted_before);
    }
    std::optional<storage::OutboxEvent> find_outbox(std::int64_t seq) override {
        return real_->find_outbox(seq);
    }
    void queue_redelivery(std::string_view webhook_id,
                          const storage::QueuedRedelivery& event) override {
        real_->queue_redelivery(webhook_id, event);
    }
    std::optional<storage::QueuedRedelivery> next_redelivery(std::string_view webhook_id) override {
        return real_->next_redelivery(webhook_id);
    }
    void remove_redelivery(std::int64_t redelivery_id) override {
        real_->remove_redelivery(redelivery_id);
    }
    std::optional<double> oldest_undelivered() override { return real_->oldest_undelivered(); }
    void insert_experiment(const domain::Experiment& e) override { real_->insert_experiment(e); }
    std::optional<domain::Experiment> find_experiment(std::string_view id) override {
        return real_->find_experiment(id);
    }
    std::vector<domain::Experiment> experiments_of(std::string_view id) override {
        return real_->experiments_of(id);
    }
    std::optional<domain::Experiment> running_experiment(std::string_view id) override {
        return real_->running_experiment(id);
    }
    bool update_experiment(const domain::Experiment& e) override {
        return real_->update_experiment(e);
    }
    std::vector<storage::BucketCount> variant_counts(std::string_view id,
                                                     std::int64_t from_hour) override {
        return real_->variant_counts(id, from_hour);
    }
    void commit() override { real_->commit(); }

  private:
    std::unique_ptr<storage::Transaction> real_;
    std::string& missed_;
};

class StaleCheckStore : public storage::Store {
  public:
    explicit StaleCheckStore(storage::Store& real) : real_(real) {}

    // The next write transaction's check misses `slug` once.
    void miss_once(std::string slug) { missed_ = std::move(slug); }
    int write_transactions() const { return writes_; }

    std::unique_ptr<storage::Transaction> begin_read() override { return real_.begin_read(); }
    std::unique_ptr<storage::Transaction> begin_write() override {
        ++writes_;
        return std::make_unique<StaleCheckTransaction>(real_.begin_write(), missed_);
    }
    void migrate() override { real_.migrate(); }
    int schema_version() override { return real_.schema_version(); }
    bool ping() override { return real_.ping(); }
    std::string backend_name() const override { return real_.backend_name(); }

  private:
    storage::Store& real_;
    std::string missed_;
    int writes_ = 0;
};

class SlugRace : public ServiceTest {
  protected:
    SlugRace() : racing(*store), racing_service(racing, racing_metrics, [this] { return now; }) {}

    StaleCheckStore racing;
    Metrics racing_metrics;
    DistributionService racing_service;
};

TEST_F(SlugRace, AGeneratedSlugTakenAfterTheCheckIsRetriedWithTheNextSuffix) {
    auto rival = create("Sparen für Einsteiger", "course-rival");
    new_events();
    racing.miss_once(rival.slug);

    auto d = racing_service.create(create_request("Sparen für Einsteiger", "course-2"), ctx);

    EXPECT_EQ(d.slug, "sparen-fuer-einsteiger-2");
    EXPECT_EQ(racing.write_transactions(), 2);
    // The refused attempt rolled back with its event: one created event, for the retry.
    auto events = new_events();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(text(events[0].payload.at("distribution_id")), d.distribution_id);
    EXPECT_EQ(service.get(rival.distribution_id).slug, "sparen-fuer-einsteiger");
}

TEST_F(SlugRace, ARequestedSlugTakenAfterTheCheckIsAConflictWithoutRetry) {
    create_with_slug("sparen-kompakt");
    new_events();
    racing.miss_once("sparen-kompakt");

    auto request = create_request("Ein anderer Kurs", "course-2");
    request.slug = "sparen-kompakt";
    EXPECT_THROW(racing_service.create(request, ctx), Conflict);
    EXPECT_EQ(racing.write_transactions(), 1);
    EXPECT_TRUE(new_events().empty());
}

TEST_F(SlugRace, AGeneratedVariantSlugTakenAfterTheCheckIsRetried) {
    auto parent = create_with_slug("sparen-kompakt");
    auto rival = create_with_slug("sparen-kompakt-lehrer");
    new_events();
    racing.miss_once(rival.slug);

    domain::VariantRequest request;
    request.target_group = {"lehrer"};
    auto child = racing_service.create_variant(parent.distribution_id, request, ctx);

    EXPECT_EQ(child.slug, "sparen-kompakt-lehrer-2");
    EXPECT_EQ(racing.write_transactions(), 2);
    EXPECT_EQ(new_events().size(), 2u);  // created + micro_niche_created, once
}

TEST_F(SlugRace, AnUpdateToASlugTakenAfterTheCheckIsAConflict) {
    auto d = create_with_slug("sparen-kompakt");
    create_with_slug("sparen-intensiv");
    new_events();
    racing.miss_once("sparen-intensiv");

    domain::UpdateRequest request;
    request.slug = "sparen-intensiv";
    EXPECT_THROW(racing_service.update(d.distribution_id, request, std::nullopt, ctx), Conflict);
    EXPECT_EQ(service.get(d.distribution_id).slug, "sparen-kompakt");
    EXPECT_TRUE(new_events().empty());
}

}  // namespace
}  // namespace coursedist::service
