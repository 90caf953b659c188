#include "storage/sqlite/sqlite_store.hpp"

#include "storage/distribution_columns.hpp"
#include "storage/experiment_sql.hpp"
#include "storage/sqlite/connection_pool.hpp"
#include "storage/sqlite/list_query.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/statements.hpp"
#include "storage/sqlite/stats_queries.hpp"
#include "storage/sqlite/stmt_row.hpp"
#include "storage/sqlite/webhook_queries.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <utility>

namespace coursedist::storage {

namespace {

using sqlite::Connection;
using sqlite::Lease;
using sqlite::SqliteError;
using sqlite::Stmt;
using sqlite::StoreConnections;

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

using sqlite::StmtRow;

domain::Distribution read_distribution(const Stmt& s) {
    return storage::read_distribution(StmtRow(s));
}

std::vector<domain::Distribution> read_all(Stmt& s) {
    std::vector<domain::Distribution> out;
    while (s.step()) out.push_back(read_distribution(s));
    return out;
}

std::optional<domain::Distribution> read_one(Stmt& s) {
    if (!s.step()) return std::nullopt;
    return read_distribution(s);
}

OutboxEvent read_outbox(const Stmt& s) {
    OutboxEvent e;
    e.seq = s.integer(0);
    e.event_id = s.text(1);
    e.event_type = s.text(2);
    e.envelope_json = s.text(3);
    e.created_at = s.real(4);
    return e;
}

bool is_slug_violation(const SqliteError& e) {
    return e.code() == SQLITE_CONSTRAINT &&
           std::string_view(e.what()).find("distributions.slug") != std::string_view::npos;
}

const ExperimentSql& experiment_sql() {
    static const ExperimentSql statements = build_experiment_sql(sqlite::placeholder);
    return statements;
}

// --- transaction --------------------------------------------------------------------------------

class SqliteTransaction final : public Transaction {
  public:
    SqliteTransaction(std::shared_ptr<StoreConnections> connections, bool write)
        : lease_(std::in_place, std::move(connections), write) {
        // Prepared once per connection, like every statement here (sqlite3_exec parses each time).
        lease_->connection().prepare(write ? sqlite::kBeginWrite : sqlite::kBeginRead).run();
    }

    std::optional<domain::Distribution> find(std::string_view distribution_id) override {
        auto s = prepare(sqlite::kFindById);
        s.bind_all(distribution_id);
        return read_one(s);
    }

    std::optional<domain::Distribution> find_by_slug(std::string_view slug) override {
        auto s = prepare(sqlite::kFindBySlug);
        s.bind_all(slug);
        return read_one(s);
    }

    bool slug_exists(std::string_view slug) override {
        auto s = prepare(sqlite::kSlugExists);
        s.bind_all(slug);
        return s.step();
    }

    std::optional<domain::Distribution> find_original(std::string_view course_id) override {
        auto s = prepare(sqlite::kFindOriginal);
        s.bind_all(course_id);
        return read_one(s);
    }

    std::vector<domain::Distribution> find_by_course(std::string_view course_id) override {
        auto s = prepare(sqlite::kFindByCourse);
        s.bind_all(course_id);
        return read_all(s);
    }

    std::vector<domain::Distribution> variants_of(std::string_view parent_id) override {
        auto s = prepare(sqlite::kVariantsOf);
        s.bind_all(parent_id);
        return read_all(s);
    }

    ListPage list(const ListQuery& query) override {
        const auto list_sql = sqlite::build_list_sql(query);
        auto s = prepare(list_sql.sql);
        int index = 0;
        for (const auto& param : list_sql.params) s.bind(++index, param);
        ListPage page;
        while (s.step() && !page_is_full(page, query, list_sql)) {
            page.items.push_back(read_distribution(s));
        }
        return page;
    }

    std::int64_t count_public() override {
        auto s = prepare(sqlite::kCountPublic);
        s.step();
        return s.integer(0);
    }

    void insert(const domain::Distribution& d) override {
        auto s = prepare(sqlite::kInsertDistribution);
        int index = 0;
        insert_parameters(d, [&](const SqlValue& value) { s.bind(++index, value); });
        run_refusing_taken_slug(s, d.slug);
    }

    void update(const domain::Distribution& d) override {
        auto s = prepare(sqlite::kUpdateDistribution);
        int index = 0;
        update_parameters(d, [&](const SqlValue& value) { s.bind(++index, value); });
        run_refusing_taken_slug(s, d.slug);
        if (connection().changes() == 0) {
            throw std::runtime_error("update: unknown distribution " + d.distribution_id);
        }
    }

    bool remove(std::string_view distribution_id) override {
        auto s = prepare(sqlite::kDeleteDistribution);
        s.bind_all(distribution_id);
        try {
            s.run();
        } catch (const SqliteError& e) {
            if (e.code() == SQLITE_CONSTRAINT) {
                throw std::runtime_error("cannot delete distribution " +
                                         std::string(distribution_id) +
                                         ": it still has variants (" + e.what() + ")");
            }
            throw;
        }
        return connection().changes() > 0;
    }

    std::optional<CounterUpdate> increment(Counter counter, std::string_view distribution_id,
                                           std::int64_t by) override {
        return run_increment(
            counter == Counter::Views ? sqlite::kIncrementViews : sqlite::kIncrementEnrollments,
            sqlite::kCountsById, distribution_id, by);
    }

    std::optional<CounterUpdate> increment_readable(Counter counter, std::string_view slug,
                                                    std::int64_t by) override {
        return run_increment(counter == Counter::Views ? sqlite::kIncrementReadableViews
                                                       : sqlite::kIncrementReadableEnrollments,
                             sqlite::kCountsBySlug, slug, by);
    }

    void add_to_bucket(const BucketCount& b) override {
        prepare(sqlite::kAddToBucket)
            .bind_all(b.distribution_id, b.hour, counter_kind(b.counter), b.category, b.variant,
                      b.count)
            .run();
    }

    std::vector<BucketCount> buckets_of(std::string_view distribution_id, std::int64_t from_hour,
                                        std::int64_t to_hour) override {
        auto s = prepare(sqlite::kBucketsOf);
        s.bind_all(distribution_id, from_hour, to_hour);
        std::vector<BucketCount> out;
        while (s.step()) {
            out.push_back(BucketCount{s.text(0), s.integer(1), counter_of_kind(s.text(2)),
                                      s.text(3), s.text(4), s.integer(5)});
        }
        return out;
    }

    std::int64_t prune_buckets(std::int64_t hour_before, int limit) override {
        prepare(sqlite::kPruneBuckets).bind_all(hour_before, std::max(limit, 0)).run();
        const auto pruned = connection().changes();
        // Each rollup row stands for at least one bucket of its hour or day: they are pruned no
        // later than the buckets.
        sqlite::prune_rollups(connection(), hour_before, std::max(limit, 0));
        return pruned;
    }

    void add_to_window(const CounterWindow& w) override {
        prepare(sqlite::kAddToWindow)
            .bind_all(w.distribution_id, counter_kind(w.counter), w.category, w.slug, w.count,
                      w.total, w.opened_at, w.last_at, w.correlation_id)
            .run();
    }

    std::vector<CounterWindow> take_windows(double opened_by) override {
        auto s = prepare(sqlite::kTakeWindows);
        s.bind_all(opened_by);
        return read_windows(s);
    }

    std::vector<CounterWindow> take_windows_of(std::string_view distribution_id) override {
        auto s = prepare(sqlite::kTakeWindowsOf);
        s.bind_all(distribution_id);
        return read_windows(s);
    }

    std::optional<double> earliest_window() override {
        auto s = prepare(sqlite::kEarliestWindow);
        s.step();
        return s.optional_real(0);
    }

    void add_changelog(std::string_view distribution_id,
                       const domain::ChangelogEntry& entry) override {
        prepare(sqlite::kInsertChangelog)
            .bind_all(distribution_id, entry.version, entry.changelog, entry.bumped_at)
            .run();
    }

    std::vector<domain::ChangelogEntry> changelog(std::string_view distribution_id) override {
        auto s = prepare(sqlite::kSelectChangelog);
        s.bind_all(distribution_id);
        std::vector<domain::ChangelogEntry> out;
        while (s.step()) {
            out.push_back(domain::ChangelogEntry{s.text(0), s.optional_text(1), s.real(2)});
        }
        return out;
    }

    std::int64_t append_outbox(const OutboxEvent& event) override {
        // seq is the rowid. Not RETURNING: SQLite collects RETURNING rows in a temporary table,
        // which costs more than the insert itself (measured: a third of a page view's CPU).
        prepare(sqlite::kAppendOutbox)
            .bind_all(event.event_id, event.event_type, event.envelope_json, event.created_at)
            .run();
        return connection().last_insert_rowid();
    }

    std::vector<OutboxEvent> outbox_after(std::int64_t after_seq, int limit) override {
        auto s = prepare(sqlite::kOutboxAfter);
        s.bind_all(after_seq, std::max(limit, 0));
        std::vector<OutboxEvent> out;
        while (s.step()) out.push_back(read_outbox(s));
        return out;
    }

    std::vector<OutboxEvent> unpublished_outbox(int limit) override {
        auto s = prepare(sqlite::kUnpublishedOutbox);
        s.bind_all(std::max(limit, 0));
        std::vector<OutboxEvent> out;
        while (s.step()) out.push_back(read_outbox(s));
        return out;
    }

    void mark_published(const std::vector<std::int64_t>& seqs, double published_at) override {
        for (std::int64_t seq : seqs)
            prepare(sqlite::kMarkPublished).bind_all(published_at, seq).run();
    }

    std::int64_t prune_published(double published_before) override {
        return sqlite::prune_published(connection(), published_before);
    }

    std::int64_t prune_event_log(double created_before, int limit) override {
        return sqlite::prune_event_log(connection(), created_before, limit);
    }

    std::int64_t outbox_backlog() override {
        auto s = prepare(sqlite::kOutboxBacklog);
        s.step();
        return s.integer(0);
    }

    bool record_processed(const ProcessedEvent& e) override {
        prepare(sqlite::kRecordProcessed)
            .bind_all(e.subscriber_name, e.stream_name, e.stream_message_id, e.event_id,
                      e.event_type, e.processed_at, e.tenant_id, e.metadata_json)
            .run();
        return connection().changes() == 1;
    }

    // On success the connection goes back to the pool at once; on failure the transaction stays
    // open until destruction rolls it back.
    // --- Statistics (stats_queries.hpp) --------------------------------------------------
    std::vector<HourCounts> hourly_counts(std::string_view distribution_id,
                                          domain::HourSpan hours) override {
        return sqlite::hourly_counts(connection(), distribution_id, hours);
    }
    std::vector<CategoryCount> category_counts(std::string_view distribution_id,
                                               domain::HourSpan hours) override {
        return sqlite::category_counts(connection(), distribution_id, hours);
    }
    CatalogCounts catalog_counts(domain::HourSpan hours, int most_viewed_limit) override {
        return sqlite::catalog_counts(connection(), hours, most_viewed_limit);
    }
    // --- end of statistics --------------------------------------------------------------

    // --- Webhooks (webhook_queries.hpp) ---------------------------------------------------
    void insert_webhook(const domain::Webhook& webhook) override {
        sqlite::insert_webhook(connection(), webhook);
    }
    std::optional<domain::Webhook> find_webhook(std::string_view webhook_id) override {
        return sqlite::find_webhook(connection(), webhook_id);
    }
    std::vector<domain::Webhook> list_webhooks() override {
        return sqlite::list_webhooks(connection());
    }
    bool update_webhook(const domain::Webhook& webhook) override {
        return sqlite::update_webhook(connection(), webhook);
    }
    bool remove_webhook(std::string_view webhook_id) override {
        return sqlite::remove_webhook(connection(), webhook_id);
    }
    bool webhook_due(double now) override { return sqlite::webhook_due(connection(), now); }
    std::optional<ClaimedWebhook> claim_due_webhook(double now, double lease_until,
                                                    std::string_view token) override {
        return sqlite::claim_due_webhook(connection(), now, lease_until, token);
    }
    bool save_webhook_progress(std::string_view webhook_id, std::string_view token,
                               const WebhookProgress& progress, std::optional<double> lease_until,
                               bool deactivate) override {
        return sqlite::save_webhook_progress(connection(), webhook_id, token, progress, lease_until,
                                             deactivate);
    }
    std::int64_t append_delivery(const DeliveryAttempt& attempt) override {
        return sqlite::append_delivery(connection(), attempt);
    }
    std::vector<DeliveryAttempt> deliveries_of(std::string_view webhook_id,
                                               std::optional<std::int64_t> before_id,
                                               int limit) override {
        return sqlite::deliveries_of(connection(), webhook_id, before_id, limit);
    }
    std::optional<DeliveryAttempt> find_delivery(std::string_view webhook_id,
                                                 std::int64_t delivery_id) override {
        return sqlite::find_delivery(connection(), webhook_id, delivery_id);
    }
    std::int64_t prune_deliveries(double attempted_before) override {
        return sqlite::prune_deliveries(connection(), attempted_before);
    }
    std::optional<OutboxEvent> find_outbox(std::int64_t seq) override {
        return sqlite::find_outbox(connection(), seq);
    }
    void queue_redelivery(std::string_view webhook_id, const QueuedRedelivery& event) override {
        sqlite::queue_redelivery(connection(), webhook_id, event);
    }
    std::optional<QueuedRedelivery> next_redelivery(std::string_view webhook_id) override {
        return sqlite::next_redelivery(connection(), webhook_id);
    }
    void remove_redelivery(std::int64_t redelivery_id) override {
        sqlite::remove_redelivery(connection(), redelivery_id);
    }
    std::optional<double> oldest_undelivered() override {
        return sqlite::oldest_undelivered(connection());
    }
    // --- end of webhooks -------------------------------------------------------------

    // --- CTA experiments (experiment_sql.hpp) -------------------------------------------
    void insert_experiment(const domain::Experiment& experiment) override {
        sqlite::bound(connection(), experiment_sql().insert, experiment_insert_params(experiment))
            .run();
    }
    std::optional<domain::Experiment> find_experiment(std::string_view experiment_id) override {
        auto s = sqlite::bound(connection(), experiment_sql().find, {std::string(experiment_id)});
        return sqlite::first_row(s, read_experiment);
    }
    std::vector<domain::Experiment> experiments_of(std::string_view distribution_id) override {
        auto s = sqlite::bound(connection(), experiment_sql().of_distribution,
                               {std::string(distribution_id)});
        return sqlite::all_rows(s, read_experiment);
    }
    std::optional<domain::Experiment> running_experiment(
        std::string_view distribution_id) override {
        auto s =
            sqlite::bound(connection(), experiment_sql().running, {std::string(distribution_id)});
        return sqlite::first_row(s, read_experiment);
    }
    bool update_experiment(const domain::Experiment& experiment) override {
        sqlite::bound(connection(), experiment_sql().update, experiment_update_params(experiment))
            .run();
        return connection().changes() == 1;
    }
    std::vector<BucketCount> variant_counts(std::string_view distribution_id,
                                            std::int64_t from_hour) override {
        auto s = sqlite::bound(connection(), experiment_sql().variant_counts,
                               {std::string(distribution_id), from_hour});
        return sqlite::all_rows(
            s, [&](const ColumnReader& r) { return read_variant_count(r, distribution_id); });
    }
    // --- end of CTA experiments ---------------------------------------------------------

    void commit() override {
        prepare(sqlite::kCommit).run();
        lease_.reset();
    }

  private:
    Connection& connection() {
        if (!lease_) throw std::runtime_error("sqlite: transaction already committed");
        return lease_->connection();
    }

    Stmt prepare(std::string_view sql) { return connection().prepare(sql); }

    static void run_refusing_taken_slug(Stmt& s, const std::string& slug) {
        try {
            s.run();
        } catch (const SqliteError& e) {
            if (is_slug_violation(e)) throw SlugTaken(slug);
            throw;
        }
    }

    static std::vector<CounterWindow> read_windows(Stmt& s) {
        std::vector<CounterWindow> out;
        while (s.step()) {
            out.push_back(CounterWindow{s.text(0), s.text(1), counter_of_kind(s.text(2)), s.text(3),
                                        s.integer(4), s.integer(5), s.real(6), s.real(7),
                                        s.optional_text(8)});
        }
        return out;
    }

    std::optional<CounterUpdate> run_increment(std::string_view increment, std::string_view counts,
                                               std::string_view key, std::int64_t by) {
        prepare(increment).bind_all(key, by).run();
        if (connection().changes() == 0) return std::nullopt;
        auto s = prepare(counts);
        s.bind_all(key);
        if (!s.step()) return std::nullopt;
        return CounterUpdate{s.text(0), s.text(1), s.integer(2), s.integer(3)};
    }

    std::optional<Lease> lease_;  // empty once committed
};

// --- store --------------------------------------------------------------------------------------

class SqliteStore final : public Store {
  public:
    SqliteStore(const std::string& path, const SqliteOptions& options)
        : connections_(std::make_shared<StoreConnections>(path, options)) {}

    std::unique_ptr<Transaction> begin_read() override {
        return std::make_unique<SqliteTransaction>(connections_, false);
    }

    std::unique_ptr<Transaction> begin_write() override {
        return std::make_unique<SqliteTransaction>(connections_, true);
    }

    void migrate() override {
        Lease lease(connections_, true);
        auto& c = lease.connection();
        c.exec("BEGIN IMMEDIATE");
        c.exec(std::string(sqlite::kCreateSchemaMigrations).c_str());
        int current = 0;
        {
            auto s = c.prepare(sqlite::kSchemaVersion);
            s.step();
            current = static_cast<int>(s.integer(0));
        }
        for (const auto& migration : sqlite::kMigrations) {
            if (migration.version <= current) continue;
            try {
                c.exec(std::string(migration.sql).c_str());
            } catch (const SqliteError& e) {
                throw SqliteError(e.code(), e.extended_code(),
                                  "migration " + std::to_string(migration.version) + " (" +
                                      std::string(migration.name) + "): " + e.what());
            }
            c.prepare(sqlite::kInsertMigration).bind_all(migration.version, now_seconds()).run();
        }
        c.exec("COMMIT");  // the Lease rolls back if anything above threw
    }

    int schema_version() override {
        Lease lease(connections_, false);
        auto& c = lease.connection();
        {
            auto s = c.prepare(sqlite::kHasSchemaMigrations);
            s.step();
            if (s.integer(0) == 0) return 0;
        }
        auto s = c.prepare(sqlite::kSchemaVersion);
        s.step();
        return static_cast<int>(s.integer(0));
    }

    bool ping() override {
        try {
            Lease lease(connections_, false);
            auto s = lease.connection().prepare(sqlite::kPing);
            return s.step() && s.integer(0) == 1;
        } catch (const std::exception&) {
            return false;
        }
    }

    std::string backend_name() const override { return "sqlite"; }

  private:
    std::shared_ptr<StoreConnections> connections_;
};

}  // namespace

std::optional<SqliteSynchronous> parse_sqlite_synchronous(std::string_view text) {
    if (text == "full") return SqliteSynchronous::Full;
    if (text == "normal") return SqliteSynchronous::Normal;
    return std::nullopt;
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const SqliteOptions& options) {
    return std::make_unique<SqliteStore>(path, options);
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, int pool_size) {
    SqliteOptions options;
    options.pool_size = pool_size;
    return open_sqlite_store(path, options);
}

}  // namespace coursedist::storage
