#include "storage/postgres/postgres_store.hpp"

#include "storage/admin_session_sql.hpp"
#include "storage/distribution_columns.hpp"
#include "storage/experiment_sql.hpp"
#include "storage/postgres/connection_pool.hpp"
#include "storage/postgres/errors.hpp"
#include "storage/postgres/list_query.hpp"
#include "storage/postgres/migrations.hpp"
#include "storage/postgres/params.hpp"
#include "storage/postgres/result_row.hpp"
#include "storage/postgres/session.hpp"
#include "storage/postgres/statements.hpp"
#include "storage/postgres/stats_queries.hpp"
#include "storage/postgres/webhook_queries.hpp"
#include "storage/refusals.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <type_traits>
#include <utility>

namespace coursedist::storage {

namespace {

using postgres::ConnectionPool;
using postgres::Params;
using postgres::PooledConnection;
using postgres::Statement;

constexpr std::string_view kSlugConstraint = "distributions_slug_unique";
// The slug history's primary key (migration 7): every slug a distribution has had.
constexpr std::string_view kSlugHistoryConstraint = "distribution_slugs_slug_unique";
// libpqxx 6's subtransaction leaves the transaction aborted after a failed statement; plain
// savepoint statements do what we need.
const std::string kSavepoint = "SAVEPOINT refusable_statement";
const std::string kRollbackToSavepoint = "ROLLBACK TO SAVEPOINT refusable_statement";
const std::string kReleaseSavepoint = "RELEASE SAVEPOINT refusable_statement";

using postgres::ResultRow;

domain::Distribution read_distribution(const pqxx::row& r) {
    return storage::read_distribution(ResultRow(r));
}

std::vector<domain::Distribution> read_all(const pqxx::result& result) {
    std::vector<domain::Distribution> out;
    out.reserve(result.size());
    for (const auto& row : result) out.push_back(read_distribution(row));
    return out;
}

std::optional<domain::Distribution> read_first(const pqxx::result& result) {
    if (result.empty()) return std::nullopt;
    return read_distribution(result[0]);
}

std::vector<SlugRecord> read_slugs(const pqxx::result& result) {
    std::vector<SlugRecord> out;
    out.reserve(result.size());
    for (const auto& r : result)
        out.push_back(
            SlugRecord{r[0].c_str(), r[1].c_str(), postgres::parse_double(r[2]), r[3].as<bool>()});
    return out;
}

std::vector<OutboxEvent> read_outbox(const pqxx::result& result) {
    std::vector<OutboxEvent> out;
    out.reserve(result.size());
    for (const auto& r : result) {
        OutboxEvent e;
        e.seq = r[0].as<std::int64_t>();
        e.event_id = r[1].c_str();
        e.event_type = r[2].c_str();
        e.envelope_json = std::string(r[3].c_str(), r[3].size());
        e.created_at = postgres::parse_double(r[4]);
        out.push_back(std::move(e));
    }
    return out;
}

// What run_refusable does when the unique slug constraint refuses a write.
auto refuse_taken_slug(const std::string& slug) {
    return [&slug](const pqxx::sql_error& e) {
        if (postgres::is_unique_violation_of(e, kSlugConstraint) ||
            postgres::is_unique_violation_of(e, kSlugHistoryConstraint))
            throw SlugTaken(slug);
    };
}

pqxx::result exec(pqxx::transaction_base& tx, const Statement& statement, const Params& params) {
    return tx.exec_prepared(std::string(statement.name), params.dynamic());
}

void configure_connection(pqxx::connection& connection) {
    postgres::configure_session(connection);
    postgres::prepare_statements(connection);
}

// --- transaction --------------------------------------------------------------------------------

const ExperimentSql& experiment_sql() {
    static const ExperimentSql statements = build_experiment_sql(postgres::placeholder);
    return statements;
}

class PostgresTransaction final : public Transaction {
    // Helpers first: their deduced return types must be known where they are used.
    pqxx::work& work() {
        if (!work_) throw std::runtime_error("postgresql: transaction already committed");
        return *work_;
    }

    template <typename Work>
    decltype(auto) guarded(Work&& w) {
        return postgres::translate_errors(std::forward<Work>(w), [&] {
            if (connection_) connection_->mark_lost();
        });
    }

    pqxx::result run(const Statement& statement, const Params& params) {
        return guarded([&] { return exec(work(), statement, params); });
    }

    // Runs a statement a constraint may refuse inside a savepoint, so the transaction stays
    // usable after the refusal; `refused` may throw the interface's error for it.
    template <typename Refused>
    pqxx::result run_refusable(const Statement& statement, const Params& params,
                               Refused&& refused) {
        return guarded([&] {
            auto& tx = work();
            tx.exec(kSavepoint);
            pqxx::result result;
            try {
                result = exec(tx, statement, params);
            } catch (const pqxx::sql_error& e) {
                tx.exec(kRollbackToSavepoint);
                refused(e);
                throw;
            }
            tx.exec(kReleaseSavepoint);
            return result;
        });
    }

    static std::vector<CounterWindow> read_windows(const pqxx::result& result) {
        std::vector<CounterWindow> out;
        for (const auto& r : result) {
            out.push_back(CounterWindow{
                r[0].c_str(), r[1].c_str(), counter_of_kind(r[2].c_str()), r[3].c_str(),
                r[4].as<std::int64_t>(), r[5].as<std::int64_t>(), postgres::parse_double(r[6]),
                postgres::parse_double(r[7]), postgres::optional_text(r[8])});
        }
        return out;
    }

    std::optional<CounterUpdate> run_increment(const Statement& statement, std::string_view key,
                                               std::int64_t by) {
        auto result = run(statement, Params(key, by));
        if (result.empty()) return std::nullopt;
        const auto& row = result[0];
        return CounterUpdate{row[0].c_str(), row[1].c_str(), row[2].as<std::int64_t>(),
                             row[3].as<std::int64_t>()};
    }

  public:
    explicit PostgresTransaction(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {
        connection_.emplace(
            postgres::acquire_live(*pool_, [&](PooledConnection& c) { work_.emplace(c.get()); }));
    }

    std::optional<domain::Distribution> find(std::string_view distribution_id) override {
        return read_first(run(postgres::kFindById, Params(distribution_id)));
    }

    std::optional<domain::Distribution> find_by_slug(std::string_view slug) override {
        return read_first(run(postgres::kFindBySlug, Params(slug)));
    }

    bool slug_exists(std::string_view slug) override {
        return !run(postgres::kSlugExists, Params(slug)).empty();
    }

    std::optional<SlugRecord> find_slug(std::string_view slug) override {
        auto slugs = read_slugs(run(postgres::kFindSlug, Params(slug)));
        if (slugs.empty()) return std::nullopt;
        return std::move(slugs.front());
    }

    std::vector<SlugRecord> old_slugs(std::string_view distribution_id) override {
        return read_slugs(run(postgres::kOldSlugs, Params(distribution_id)));
    }

    bool release_slug(std::string_view distribution_id, std::string_view slug) override {
        return run(postgres::kReleaseSlug, Params(distribution_id, slug)).affected_rows() > 0;
    }

    std::optional<domain::Distribution> find_original(std::string_view course_id) override {
        return read_first(run(postgres::kFindOriginal, Params(course_id)));
    }

    std::vector<domain::Distribution> find_by_course(std::string_view course_id) override {
        return read_all(run(postgres::kFindByCourse, Params(course_id)));
    }

    std::vector<domain::Distribution> variants_of(std::string_view parent_id) override {
        return read_all(run(postgres::kVariantsOf, Params(parent_id)));
    }

    ListPage list(const ListQuery& query) override {
        const auto list_sql = postgres::build_list_sql(query);
        Params params;
        for (const auto& param : list_sql.params) params.add(param);
        const auto result =
            guarded([&] { return work().exec_params(list_sql.sql, params.dynamic()); });
        ListPage page;
        for (const auto& row : result) {
            if (page_is_full(page, query, list_sql)) break;
            page.items.push_back(read_distribution(row));
        }
        return page;
    }

    std::int64_t count_public() override {
        return run(postgres::kCountPublic, Params())[0][0].as<std::int64_t>();
    }

    void insert(const domain::Distribution& d) override {
        Params params;
        insert_parameters(d, [&](const SqlValue& value) { params.add(value); });
        run_refusable(postgres::kInsertDistribution, params, refuse_taken_slug(d.slug));
    }

    void update(const domain::Distribution& d) override {
        Params params;
        update_parameters(d, [&](const SqlValue& value) { params.add(value); });
        auto result =
            run_refusable(postgres::kUpdateDistribution, params, refuse_taken_slug(d.slug));
        if (result.affected_rows() == 0) {
            throw std::runtime_error("update: unknown distribution " + d.distribution_id);
        }
    }

    bool remove(std::string_view distribution_id) override {
        auto result = run_refusable(
            postgres::kDeleteDistribution, Params(distribution_id), [&](const pqxx::sql_error& e) {
                if (e.sqlstate() == "23503") {
                    throw std::runtime_error("cannot delete distribution " +
                                             std::string(distribution_id) +
                                             ": it still has variants (" + e.what() + ")");
                }
            });
        return result.affected_rows() > 0;
    }

    std::optional<CounterUpdate> increment(Counter counter, std::string_view distribution_id,
                                           std::int64_t by) override {
        return run_increment(
            counter == Counter::Views ? postgres::kIncrementViews : postgres::kIncrementEnrollments,
            distribution_id, by);
    }

    std::optional<CounterUpdate> increment_readable(Counter counter, std::string_view slug,
                                                    std::int64_t by) override {
        return run_increment(counter == Counter::Views ? postgres::kIncrementReadableViews
                                                       : postgres::kIncrementReadableEnrollments,
                             slug, by);
    }

    void add_to_bucket(const BucketCount& b) override {
        run(postgres::kAddToBucket, Params(b.distribution_id, b.hour, counter_kind(b.counter),
                                           b.category, b.variant, b.count));
    }

    std::vector<BucketCount> buckets_of(std::string_view distribution_id, std::int64_t from_hour,
                                        std::int64_t to_hour) override {
        std::vector<BucketCount> out;
        for (const auto& r : run(postgres::kBucketsOf, Params(distribution_id, from_hour, to_hour)))
            out.push_back(BucketCount{r[0].c_str(), r[1].as<std::int64_t>(),
                                      counter_of_kind(r[2].c_str()), r[3].c_str(), r[4].c_str(),
                                      r[5].as<std::int64_t>()});
        return out;
    }

    std::int64_t prune_buckets(std::int64_t hour_before, int limit) override {
        const auto pruned =
            run(postgres::kPruneBuckets, Params(hour_before, std::max(limit, 0))).affected_rows();
        // Each rollup row stands for at least one bucket of its hour or day: they are pruned no
        // later than the buckets.
        guarded([&] { postgres::prune_rollups(work(), hour_before, std::max(limit, 0)); });
        return pruned;
    }

    void add_to_window(const CounterWindow& w) override {
        Params params(w.distribution_id, counter_kind(w.counter), w.category, w.slug, w.count,
                      w.total, w.opened_at, w.last_at, w.correlation_id);
        run(postgres::kAddToWindow, params);
    }

    std::vector<CounterWindow> take_windows(double opened_by) override {
        return read_windows(run(postgres::kTakeWindows, Params(opened_by)));
    }

    std::vector<CounterWindow> take_windows_of(std::string_view distribution_id) override {
        return read_windows(run(postgres::kTakeWindowsOf, Params(distribution_id)));
    }

    std::optional<double> earliest_window() override {
        const auto result = run(postgres::kEarliestWindow, Params());
        if (result[0][0].is_null()) return std::nullopt;
        return postgres::parse_double(result[0][0]);
    }

    void add_changelog(std::string_view distribution_id,
                       const domain::ChangelogEntry& entry) override {
        Params params(distribution_id, entry.version, entry.changelog, entry.bumped_at);
        run_refusable(postgres::kInsertChangelog, params, [](const pqxx::sql_error&) {});
    }

    std::vector<domain::ChangelogEntry> changelog(std::string_view distribution_id) override {
        std::vector<domain::ChangelogEntry> out;
        for (const auto& r : run(postgres::kSelectChangelog, Params(distribution_id))) {
            out.push_back(domain::ChangelogEntry{r[0].c_str(), postgres::optional_text(r[1]),
                                                 postgres::parse_double(r[2])});
        }
        return out;
    }

    std::int64_t append_outbox(const OutboxEvent& event) override {
        if (!holds_outbox_append_lock_) {
            run(postgres::kLockOutboxAppend, Params(postgres::kOutboxAppendLockKey));
            holds_outbox_append_lock_ = true;
        }
        Params params(event.event_id, event.event_type, event.envelope_json, event.created_at);
        return run(postgres::kAppendOutbox, params)[0][0].as<std::int64_t>();
    }

    std::vector<OutboxEvent> outbox_after(std::int64_t after_seq, int limit) override {
        return read_outbox(run(postgres::kOutboxAfter, Params(after_seq, std::max(limit, 0))));
    }

    std::vector<OutboxEvent> unpublished_outbox(int limit) override {
        auto relay = run(postgres::kTryLockOutboxRelay, Params(postgres::kOutboxRelayLockKey));
        if (!relay[0][0].as<bool>()) return {};  // another transaction is relaying
        return read_outbox(run(postgres::kUnpublishedOutbox, Params(std::max(limit, 0))));
    }

    void mark_published(const std::vector<std::int64_t>& seqs, double published_at) override {
        if (seqs.empty()) return;
        run(postgres::kMarkPublished, Params(published_at, postgres::bigint_array_text(seqs)));
    }

    std::int64_t prune_published(double published_before) override {
        return guarded([&] { return postgres::prune_published(work(), published_before); });
    }

    std::int64_t prune_event_log(double created_before, int limit) override {
        return guarded([&] { return postgres::prune_event_log(work(), created_before, limit); });
    }

    std::int64_t outbox_backlog() override {
        return run(postgres::kOutboxBacklog, Params())[0][0].as<std::int64_t>();
    }

    bool record_processed(const ProcessedEvent& e) override {
        Params params(e.subscriber_name, e.stream_name, e.stream_message_id, e.event_id,
                      e.event_type, e.processed_at, e.tenant_id, e.metadata_json);
        return run(postgres::kRecordProcessed, params).affected_rows() == 1;
    }

    // On success the connection goes back to the pool at once.
    // --- Statistics (stats_queries.hpp) --------------------------------------------------
    std::vector<HourCounts> hourly_counts(std::string_view distribution_id,
                                          domain::HourSpan hours) override {
        return guarded([&] { return postgres::hourly_counts(work(), distribution_id, hours); });
    }
    std::vector<CategoryCount> category_counts(std::string_view distribution_id,
                                               domain::HourSpan hours) override {
        return guarded([&] { return postgres::category_counts(work(), distribution_id, hours); });
    }
    CatalogCounts catalog_counts(domain::HourSpan hours, int most_viewed_limit) override {
        return guarded([&] { return postgres::catalog_counts(work(), hours, most_viewed_limit); });
    }
    // --- end of statistics --------------------------------------------------------------

    // --- Webhooks (webhook_queries.hpp) ---------------------------------------------------
    void insert_webhook(const domain::Webhook& webhook) override {
        guarded([&] { postgres::insert_webhook(work(), webhook); });
    }
    std::optional<domain::Webhook> find_webhook(std::string_view webhook_id) override {
        return guarded([&] { return postgres::find_webhook(work(), webhook_id); });
    }
    std::vector<domain::Webhook> list_webhooks() override {
        return guarded([&] { return postgres::list_webhooks(work()); });
    }
    bool update_webhook(const domain::Webhook& webhook) override {
        return guarded([&] { return postgres::update_webhook(work(), webhook); });
    }
    bool remove_webhook(std::string_view webhook_id) override {
        return guarded([&] { return postgres::remove_webhook(work(), webhook_id); });
    }
    bool webhook_due(double now) override {
        return guarded([&] { return postgres::webhook_due(work(), now); });
    }
    std::optional<ClaimedWebhook> claim_due_webhook(double now, double lease_until,
                                                    std::string_view token) override {
        return guarded(
            [&] { return postgres::claim_due_webhook(work(), now, lease_until, token); });
    }
    bool save_webhook_progress(std::string_view webhook_id, std::string_view token,
                               const WebhookProgress& progress, std::optional<double> lease_until,
                               bool deactivate) override {
        return guarded([&] {
            return postgres::save_webhook_progress(work(), webhook_id, token, progress, lease_until,
                                                   deactivate);
        });
    }
    std::int64_t append_delivery(const DeliveryAttempt& attempt) override {
        return guarded([&] { return postgres::append_delivery(work(), attempt); });
    }
    std::vector<DeliveryAttempt> deliveries_of(std::string_view webhook_id,
                                               std::optional<std::int64_t> before_id,
                                               int limit) override {
        return guarded(
            [&] { return postgres::deliveries_of(work(), webhook_id, before_id, limit); });
    }
    std::optional<DeliveryAttempt> find_delivery(std::string_view webhook_id,
                                                 std::int64_t delivery_id) override {
        return guarded([&] { return postgres::find_delivery(work(), webhook_id, delivery_id); });
    }
    std::int64_t prune_deliveries(double attempted_before) override {
        return guarded([&] { return postgres::prune_deliveries(work(), attempted_before); });
    }
    std::optional<OutboxEvent> find_outbox(std::int64_t seq) override {
        return guarded([&] { return postgres::find_outbox(work(), seq); });
    }
    void queue_redelivery(std::string_view webhook_id, const QueuedRedelivery& event) override {
        guarded([&] { postgres::queue_redelivery(work(), webhook_id, event); });
    }
    std::optional<QueuedRedelivery> next_redelivery(std::string_view webhook_id) override {
        return guarded([&] { return postgres::next_redelivery(work(), webhook_id); });
    }
    void remove_redelivery(std::int64_t redelivery_id) override {
        guarded([&] { postgres::remove_redelivery(work(), redelivery_id); });
    }
    std::optional<double> oldest_undelivered() override {
        return guarded([&] { return postgres::oldest_undelivered(work()); });
    }
    // --- end of webhooks -------------------------------------------------------------

    // --- Admin console sessions (admin_session_sql.hpp) -------------------------------
    void insert_admin_session(const domain::AdminSession& session) override {
        guarded([&] { run_session(session_sql().insert, admin_session_params(session)); });
    }
    std::optional<domain::AdminSession> find_admin_session(std::string_view session_hash) override {
        return guarded([&]() -> std::optional<domain::AdminSession> {
            const auto result = run_session(session_sql().find, {std::string(session_hash)});
            if (result.empty()) return std::nullopt;
            const auto row = result[0];
            return read_admin_session(postgres::ResultRow(row));
        });
    }
    void touch_admin_session(std::string_view session_hash, double last_seen_at) override {
        guarded([&] {
            run_session(session_sql().touch, {last_seen_at, std::string(session_hash)});
        });
    }
    bool remove_admin_session(std::string_view session_hash) override {
        return guarded([&] {
            return run_session(session_sql().remove, {std::string(session_hash)}).affected_rows() ==
                   1;
        });
    }
    std::int64_t prune_admin_sessions(double idle_before, double created_before) override {
        return guarded([&] {
            return static_cast<std::int64_t>(
                run_session(session_sql().prune, {idle_before, created_before}).affected_rows());
        });
    }
    // --- end of admin console sessions ------------------------------------------------
    // --- CTA experiments (experiment_sql.hpp) -------------------------------------------
    void insert_experiment(const domain::Experiment& experiment) override {
        guarded([&] {
            try {
                postgres::run(work(), experiment_sql().insert,
                              experiment_insert_params(experiment));
            } catch (const pqxx::sql_error& e) {  // the transaction is done with: no savepoint
                if (postgres::is_unique_violation_of(e, "experiments_one_running"))
                    throw ExperimentAlreadyRunning();
                throw;
            }
        });
    }
    std::optional<domain::Experiment> find_experiment(std::string_view experiment_id) override {
        return guarded([&] {
            return postgres::first_row(
                postgres::run(work(), experiment_sql().find, {std::string(experiment_id)}),
                read_experiment);
        });
    }
    std::vector<domain::Experiment> experiments_of(std::string_view distribution_id) override {
        return guarded([&] {
            return postgres::all_rows(postgres::run(work(), experiment_sql().of_distribution,
                                                    {std::string(distribution_id)}),
                                      read_experiment);
        });
    }
    std::optional<domain::Experiment> running_experiment(
        std::string_view distribution_id) override {
        return guarded([&] {
            return postgres::first_row(
                postgres::run(work(), experiment_sql().running, {std::string(distribution_id)}),
                read_experiment);
        });
    }
    bool update_experiment(const domain::Experiment& experiment) override {
        return guarded([&] {
            return postgres::run(work(), experiment_sql().update,
                                 experiment_update_params(experiment))
                       .affected_rows() == 1;
        });
    }
    std::vector<BucketCount> variant_counts(std::string_view distribution_id,
                                            std::int64_t from_hour) override {
        return guarded([&] {
            return postgres::all_rows(
                postgres::run(work(), experiment_sql().variant_counts,
                              {std::string(distribution_id), from_hour}),
                [&](const ColumnReader& r) { return read_variant_count(r, distribution_id); });
        });
    }
    // --- end of CTA experiments ---------------------------------------------------------

    void commit() override {
        guarded([&] { work().commit(); });
        work_.reset();
        connection_.reset();
    }

  private:
    static const AdminSessionSql& session_sql() {
        static const AdminSessionSql statements = build_admin_session_sql(postgres::placeholder);
        return statements;
    }
    pqxx::result run_session(const std::string& text, const std::vector<SqlValue>& values) {
        Params params;
        for (const auto& v : values) params.add(v);
        return work().exec_params(text, params.dynamic());
    }

    std::shared_ptr<ConnectionPool> pool_;
    std::optional<PooledConnection> connection_;  // empty once committed
    std::optional<pqxx::work> work_;              // declared after: ends before its connection
    bool holds_outbox_append_lock_ = false;
};

// --- store --------------------------------------------------------------------------------------

class PostgresStore final : public Store {
    // Runs `work` (which must be safe to repeat, see acquire_live) on a pooled connection.
    template <typename Work>
    auto with_connection(Work&& work) {
        using Result = std::invoke_result_t<Work&, pqxx::connection&>;
        if constexpr (std::is_void_v<Result>) {
            postgres::acquire_live(*pool_, [&](PooledConnection& c) { work(c.get()); });
        } else {
            Result result{};
            postgres::acquire_live(*pool_, [&](PooledConnection& c) { result = work(c.get()); });
            return result;
        }
    }

  public:
    PostgresStore(const std::string& uri, const PostgresOptions& options)
        : pool_(std::make_shared<ConnectionPool>(
              uri,
              postgres::PoolOptions{options.pool_size, options.acquire_timeout,
                                    options.connect_timeout_seconds},
              configure_connection)) {}

    std::unique_ptr<Transaction> begin_read() override {
        return std::make_unique<PostgresTransaction>(pool_);
    }

    std::unique_ptr<Transaction> begin_write() override {
        return std::make_unique<PostgresTransaction>(pool_);
    }

    void migrate() override {
        with_connection([](pqxx::connection& c) {
            pqxx::work w(c);
            w.exec_params("SELECT pg_advisory_xact_lock($1::bigint)", postgres::kMigrationLockKey);
            w.exec(std::string(postgres::kCreateSchemaMigrations));
            const int current = w.exec(std::string(postgres::kSchemaVersion))[0][0].as<int>();
            for (const auto& migration : postgres::kMigrations) {
                if (migration.version <= current) continue;
                try {
                    w.exec(std::string(migration.sql));
                } catch (const pqxx::sql_error& e) {
                    throw std::runtime_error("migration " + std::to_string(migration.version) +
                                             " (" + std::string(migration.name) + "): " + e.what());
                }
                w.exec_params(std::string(postgres::kInsertMigration), migration.version,
                              std::string(migration.name));
            }
            w.commit();
        });
    }

    int schema_version() override {
        return with_connection([](pqxx::connection& c) {
            pqxx::work w(c);
            if (!w.exec(std::string(postgres::kHasSchemaMigrations))[0][0].as<bool>()) return 0;
            return w.exec(std::string(postgres::kSchemaVersion))[0][0].as<int>();
        });
    }

    bool ping() override {
        try {
            return with_connection([](pqxx::connection& c) {
                return pqxx::nontransaction(c).exec("SELECT 1")[0][0].as<int>() == 1;
            });
        } catch (const std::exception&) {
            return false;
        }
    }

    std::string backend_name() const override { return "postgresql"; }

  private:
    std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& uri, const PostgresOptions& options) {
    return std::make_unique<PostgresStore>(uri, options);
}

std::unique_ptr<Store> open_postgres_store(const std::string& uri, int pool_size) {
    PostgresOptions options;
    options.pool_size = pool_size;
    return open_postgres_store(uri, options);
}

}  // namespace coursedist::storage
