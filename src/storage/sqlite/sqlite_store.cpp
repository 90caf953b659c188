#include "storage/sqlite/sqlite_store.hpp"

#include "domain/json_codec.hpp"
#include "storage/column_codec.hpp"
#include "storage/sqlite/migrations.hpp"
#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/wal_checkpointer.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>
#include <variant>

namespace coursedist::storage {

namespace {

using sqlite::Connection;
using sqlite::SqliteError;
using sqlite::Stmt;
using sqlite::WalCheckpointer;

// --- SQL ----------------------------------------------------------------------------------------

#define DISTRIBUTION_COLUMNS                                                                  \
    "distribution_id, course_id, slug, language, title, description, target_group, version, " \
    "derived_from, seo, cta, visibility, published_at, staging_url, staging_deployed_at, "    \
    "outline, view_count, enrollment_count, created_at, updated_at"

constexpr std::string_view kSelectDistributions =
    "SELECT " DISTRIBUTION_COLUMNS " FROM distributions";
constexpr std::string_view kFindById =
    "SELECT " DISTRIBUTION_COLUMNS " FROM distributions WHERE distribution_id = ?";
constexpr std::string_view kFindBySlug =
    "SELECT " DISTRIBUTION_COLUMNS " FROM distributions WHERE slug = ?";
constexpr std::string_view kSlugExists = "SELECT 1 FROM distributions WHERE slug = ?";
constexpr std::string_view kFindOriginal =
    "SELECT " DISTRIBUTION_COLUMNS
    " FROM distributions WHERE course_id = ? AND derived_from IS NULL"
    " ORDER BY created_at, distribution_id LIMIT 1";
constexpr std::string_view kFindByCourse =
    "SELECT " DISTRIBUTION_COLUMNS
    " FROM distributions WHERE course_id = ? ORDER BY created_at, distribution_id";
constexpr std::string_view kVariantsOf =
    "SELECT " DISTRIBUTION_COLUMNS
    " FROM distributions WHERE derived_from = ? ORDER BY created_at, distribution_id";
constexpr std::string_view kCountPublic =
    "SELECT count(*) FROM distributions WHERE visibility = 'public' AND published_at IS NOT NULL";
constexpr std::string_view kInsertDistribution =
    "INSERT INTO distributions (" DISTRIBUTION_COLUMNS
    ", search_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kUpdateDistribution =
    "UPDATE distributions SET course_id = ?, slug = ?, language = ?, title = ?, description = ?,"
    " target_group = ?, version = ?, derived_from = ?, seo = ?, cta = ?, visibility = ?,"
    " published_at = ?, staging_url = ?, staging_deployed_at = ?, outline = ?, updated_at = ?,"
    " search_text = ? WHERE distribution_id = ?";
constexpr std::string_view kDeleteDistribution =
    "DELETE FROM distributions WHERE distribution_id = ?";
// A counter write is an UPDATE and then a SELECT of the counts, not UPDATE … RETURNING: SQLite
// collects RETURNING rows in a temporary table, which costs more than the update itself.
#define INCREMENT(counter) "UPDATE distributions SET " counter " = " counter " + ?2"
#define COUNTS "SELECT distribution_id, slug, view_count, enrollment_count FROM distributions"
constexpr std::string_view kIncrementViews = INCREMENT("view_count") " WHERE distribution_id = ?1";
constexpr std::string_view kIncrementEnrollments =
    INCREMENT("enrollment_count") " WHERE distribution_id = ?1";
constexpr std::string_view kIncrementReadableViews =
    INCREMENT("view_count") " WHERE slug = ?1 AND visibility <> 'private'";
constexpr std::string_view kIncrementReadableEnrollments =
    INCREMENT("enrollment_count") " WHERE slug = ?1 AND visibility <> 'private'";
constexpr std::string_view kCountsById = COUNTS " WHERE distribution_id = ?";
constexpr std::string_view kCountsBySlug = COUNTS " WHERE slug = ?";
#undef INCREMENT
#undef COUNTS

#undef DISTRIBUTION_COLUMNS

constexpr std::string_view kInsertChangelog =
    "INSERT INTO changelog (distribution_id, version, changelog, bumped_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kSelectChangelog =
    "SELECT version, changelog, bumped_at FROM changelog WHERE distribution_id = ?"
    " ORDER BY bumped_at, id";

constexpr std::string_view kAppendOutbox =
    "INSERT INTO outbox (event_id, event_type, envelope, created_at) VALUES (?, ?, ?, ?)";
constexpr std::string_view kOutboxAfter =
    "SELECT seq, event_id, event_type, envelope, created_at FROM outbox WHERE seq > ?"
    " ORDER BY seq LIMIT ?";
constexpr std::string_view kUnpublishedOutbox =
    "SELECT seq, event_id, event_type, envelope, created_at FROM outbox"
    " WHERE published_at IS NULL ORDER BY seq LIMIT ?";
constexpr std::string_view kMarkPublished =
    "UPDATE outbox SET published_at = ? WHERE seq = ? AND published_at IS NULL";
constexpr std::string_view kPrunePublished =
    "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < ?";
// Looks at the oldest `limit` rows only (primary key order), however long the log is.
constexpr std::string_view kPruneEventLog =
    "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT ?)"
    " AND created_at < ?";
constexpr std::string_view kOutboxBacklog =
    "SELECT count(*) FROM outbox WHERE published_at IS NULL";

constexpr std::string_view kRecordProcessed =
    "INSERT INTO processed_events (subscriber_name, stream_name, stream_message_id, event_id,"
    " event_type, processed_at, tenant_id, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (subscriber_name, stream_message_id) DO NOTHING";

constexpr std::string_view kPing = "SELECT 1";
constexpr std::string_view kHasSchemaMigrations =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kSchemaVersion =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)";

// --- helpers ------------------------------------------------------------------------------------

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

domain::Distribution read_distribution(const Stmt& s) {
    domain::Distribution d;
    d.distribution_id = s.text(0);
    d.course_id = s.text(1);
    d.slug = s.text(2);
    d.language = s.text(3);
    d.title = s.text(4);
    d.description = s.text(5);
    d.target_group = domain::strings_from_json(parse_json_column(s.text(6), "target_group"));
    d.version = s.text(7);
    d.derived_from = s.optional_text(8);
    d.seo = domain::seo_from_json(parse_json_column(s.text(9), "seo"));
    d.cta = domain::cta_from_json(parse_json_column(s.text(10), "cta"));
    const std::string visibility = s.text(11);
    auto parsed = domain::parse_visibility(visibility);
    if (!parsed) throw std::runtime_error("corrupt visibility in database: " + visibility);
    d.visibility = *parsed;
    d.published_at = s.optional_real(12);
    d.staging_url = s.optional_text(13);
    d.staging_deployed_at = s.optional_text(14);
    d.outline = domain::outline_from_json(parse_json_column(s.text(15), "outline"));
    d.view_count = s.integer(16);
    d.enrollment_count = s.integer(17);
    d.created_at = s.real(18);
    d.updated_at = s.real(19);
    return d;
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

// --- pool ---------------------------------------------------------------------------------------

class ConnectionPool {
  public:
    // `checkpointer` checkpoints for every connection of the pool; it must outlive them.
    ConnectionPool(std::string path, SqliteOptions options, WalCheckpointer& checkpointer)
        : path_(std::move(path)), options_(options), checkpointer_(checkpointer) {
        options_.pool_size = std::max(options_.pool_size, 1);
        options_.busy_timeout_ms = std::max(options_.busy_timeout_ms, 0);
        // Open one connection right away so an unusable path fails at start-up.
        idle_.push_back(open_connection());
        open_ = 1;
    }

    std::chrono::milliseconds timeout() const {
        return std::chrono::milliseconds(options_.busy_timeout_ms);
    }

    std::unique_ptr<Connection> acquire() {
        std::unique_lock lock(mutex_);
        if (!available_.wait_for(lock, timeout(),
                                 [&] { return !idle_.empty() || open_ < options_.pool_size; })) {
            throw StorageUnavailable("sqlite: no free connection in the pool");
        }
        if (!idle_.empty()) {
            auto connection = std::move(idle_.back());
            idle_.pop_back();
            return connection;
        }
        ++open_;
        lock.unlock();
        try {
            return open_connection();
        } catch (...) {
            lock.lock();
            --open_;
            available_.notify_one();
            throw;
        }
    }

    // A connection still inside a transaction (rollback failed) is closed instead of reused.
    void release(std::unique_ptr<Connection> connection) {
        const bool reusable = !connection->in_transaction();
        {
            std::lock_guard lock(mutex_);
            if (reusable) {
                idle_.push_back(std::move(connection));
            } else {
                --open_;
            }
        }
        available_.notify_one();
        connection.reset();
    }

  private:
    std::unique_ptr<Connection> open_connection() {
        auto connection = std::make_unique<Connection>(path_, options_.busy_timeout_ms);
        checkpointer_.watch(*connection);
        return connection;
    }

    std::string path_;
    SqliteOptions options_;
    WalCheckpointer& checkpointer_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;
};

// One writer at a time per store. Not a std::mutex: a transaction may end on another thread.
class WriterGate {
  public:
    bool acquire(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        if (!free_.wait_for(lock, timeout, [&] { return !taken_; })) return false;
        taken_ = true;
        return true;
    }
    void release() {
        {
            std::lock_guard lock(mutex_);
            taken_ = false;
        }
        free_.notify_one();
    }

  private:
    std::mutex mutex_;
    std::condition_variable free_;
    bool taken_ = false;
};

struct Shared {
    Shared(const std::string& path, const SqliteOptions& options)
        : checkpointer(path, std::max(options.busy_timeout_ms, 0),
                       std::max(options.wal_checkpoint_pages, 1)),
          pool(path, options, checkpointer) {}
    WalCheckpointer checkpointer;  // declared first: outlives the pool's connections
    ConnectionPool pool;
    WriterGate writer;
};

// A connection borrowed from the pool (and, for writers, the writer turn), given back on
// destruction after rolling back whatever is still open.
class Lease {
  public:
    Lease(std::shared_ptr<Shared> shared, bool writer) : shared_(std::move(shared)) {
        if (writer) {
            if (!shared_->writer.acquire(shared_->pool.timeout())) {
                throw StorageUnavailable("sqlite: timed out waiting for the writer turn");
            }
            writer_ = true;
        }
        try {
            connection_ = shared_->pool.acquire();
        } catch (...) {
            if (writer_) shared_->writer.release();
            throw;
        }
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
        if (connection_->in_transaction()) {
            sqlite3_exec(connection_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        }
        shared_->pool.release(std::move(connection_));
        if (writer_) shared_->writer.release();
    }

    Connection& connection() { return *connection_; }

  private:
    std::shared_ptr<Shared> shared_;
    std::unique_ptr<Connection> connection_;
    bool writer_ = false;
};

// --- transaction --------------------------------------------------------------------------------

class SqliteTransaction final : public Transaction {
  public:
    SqliteTransaction(std::shared_ptr<Shared> shared, bool write)
        : lease_(std::in_place, std::move(shared), write) {
        // Prepared once per connection, like every statement here (sqlite3_exec parses each time).
        lease_->connection().prepare(write ? "BEGIN IMMEDIATE" : "BEGIN").run();
    }

    std::optional<domain::Distribution> find(std::string_view distribution_id) override {
        auto s = prepare(kFindById);
        s.bind_all(distribution_id);
        return read_one(s);
    }

    std::optional<domain::Distribution> find_by_slug(std::string_view slug) override {
        auto s = prepare(kFindBySlug);
        s.bind_all(slug);
        return read_one(s);
    }

    bool slug_exists(std::string_view slug) override {
        auto s = prepare(kSlugExists);
        s.bind_all(slug);
        return s.step();
    }

    std::optional<domain::Distribution> find_original(std::string_view course_id) override {
        auto s = prepare(kFindOriginal);
        s.bind_all(course_id);
        return read_one(s);
    }

    std::vector<domain::Distribution> find_by_course(std::string_view course_id) override {
        auto s = prepare(kFindByCourse);
        s.bind_all(course_id);
        return read_all(s);
    }

    std::vector<domain::Distribution> variants_of(std::string_view parent_id) override {
        auto s = prepare(kVariantsOf);
        s.bind_all(parent_id);
        return read_all(s);
    }

    ListPage list(const ListQuery& query) override {
        using Param = std::variant<std::string, double, std::int64_t>;
        std::vector<Param> params;
        const std::string_view sort_column = query.catalog ? "published_at" : "created_at";

        std::string sql(kSelectDistributions);
        sql += " WHERE ";
        sql += query.catalog ? "visibility = 'public' AND published_at IS NOT NULL" : "1";
        if (query.visibility) {
            sql += " AND visibility = ?";
            params.emplace_back(std::string(domain::to_string(*query.visibility)));
        }
        if (query.language) {
            sql += " AND language = ?";
            params.emplace_back(*query.language);
        }
        if (query.target_group) {
            sql +=
                " AND EXISTS (SELECT 1 FROM json_each(distributions.target_group)"
                " WHERE json_each.value = ?)";
            params.emplace_back(*query.target_group);
        }
        if (query.text) {
            sql += " AND search_text LIKE ? ESCAPE '\\'";
            params.emplace_back(like_contains_pattern(*query.text));
        }
        if (query.after) {
            sql += " AND (";
            sql += sort_column;
            sql += ", distribution_id) < (?, ?)";
            params.emplace_back(query.after->sort_key);
            params.emplace_back(query.after->distribution_id);
        }
        sql += " ORDER BY ";
        sql += sort_column;
        sql += " DESC, distribution_id DESC LIMIT ?";
        const int limit = std::max(query.limit, 1);
        params.emplace_back(static_cast<std::int64_t>(limit) + 1);

        auto s = prepare(sql);
        int index = 0;
        for (const auto& param : params) {
            std::visit([&](const auto& value) { s.bind(++index, value); }, param);
        }
        ListPage page;
        bool more = false;
        while (s.step()) {
            if (static_cast<int>(page.items.size()) == limit) {
                more = true;
                break;
            }
            page.items.push_back(read_distribution(s));
        }
        if (more) {
            const auto& last = page.items.back();
            page.next = ListCursor{query.catalog ? last.published_at.value_or(0) : last.created_at,
                                   last.distribution_id};
        }
        return page;
    }

    std::int64_t count_public() override {
        auto s = prepare(kCountPublic);
        s.step();
        return s.integer(0);
    }

    void insert(const domain::Distribution& d) override {
        auto s = prepare(kInsertDistribution);
        s.bind_all(d.distribution_id, d.course_id, d.slug, d.language, d.title, d.description,
                   json_text(domain::to_json(d.target_group)), d.version, d.derived_from,
                   json_text(domain::to_json(d.seo)), json_text(domain::to_json(d.cta)),
                   domain::to_string(d.visibility), d.published_at, d.staging_url,
                   d.staging_deployed_at, json_text(domain::to_json(d.outline)), d.view_count,
                   d.enrollment_count, d.created_at, d.updated_at, search_text_of(d));
        try {
            s.run();
        } catch (const SqliteError& e) {
            if (is_slug_violation(e)) throw SlugTaken(d.slug);
            throw;
        }
    }

    void update(const domain::Distribution& d) override {
        auto s = prepare(kUpdateDistribution);
        s.bind_all(d.course_id, d.slug, d.language, d.title, d.description,
                   json_text(domain::to_json(d.target_group)), d.version, d.derived_from,
                   json_text(domain::to_json(d.seo)), json_text(domain::to_json(d.cta)),
                   domain::to_string(d.visibility), d.published_at, d.staging_url,
                   d.staging_deployed_at, json_text(domain::to_json(d.outline)), d.updated_at,
                   search_text_of(d), d.distribution_id);
        try {
            s.run();
        } catch (const SqliteError& e) {
            if (is_slug_violation(e)) throw SlugTaken(d.slug);
            throw;
        }
        if (connection().changes() == 0) {
            throw std::runtime_error("update: unknown distribution " + d.distribution_id);
        }
    }

    bool remove(std::string_view distribution_id) override {
        auto s = prepare(kDeleteDistribution);
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
        return run_increment(counter == Counter::Views ? kIncrementViews : kIncrementEnrollments,
                             kCountsById, distribution_id, by);
    }

    std::optional<CounterUpdate> increment_readable(Counter counter, std::string_view slug,
                                                    std::int64_t by) override {
        return run_increment(
            counter == Counter::Views ? kIncrementReadableViews : kIncrementReadableEnrollments,
            kCountsBySlug, slug, by);
    }

    void add_changelog(std::string_view distribution_id,
                       const domain::ChangelogEntry& entry) override {
        prepare(kInsertChangelog)
            .bind_all(distribution_id, entry.version, entry.changelog, entry.bumped_at)
            .run();
    }

    std::vector<domain::ChangelogEntry> changelog(std::string_view distribution_id) override {
        auto s = prepare(kSelectChangelog);
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
        prepare(kAppendOutbox)
            .bind_all(event.event_id, event.event_type, event.envelope_json, event.created_at)
            .run();
        return connection().last_insert_rowid();
    }

    std::vector<OutboxEvent> outbox_after(std::int64_t after_seq, int limit) override {
        auto s = prepare(kOutboxAfter);
        s.bind_all(after_seq, std::max(limit, 0));
        std::vector<OutboxEvent> out;
        while (s.step()) out.push_back(read_outbox(s));
        return out;
    }

    std::vector<OutboxEvent> unpublished_outbox(int limit) override {
        auto s = prepare(kUnpublishedOutbox);
        s.bind_all(std::max(limit, 0));
        std::vector<OutboxEvent> out;
        while (s.step()) out.push_back(read_outbox(s));
        return out;
    }

    void mark_published(const std::vector<std::int64_t>& seqs, double published_at) override {
        for (std::int64_t seq : seqs) prepare(kMarkPublished).bind_all(published_at, seq).run();
    }

    std::int64_t prune_published(double published_before) override {
        prepare(kPrunePublished).bind_all(published_before).run();
        return connection().changes();
    }

    std::int64_t prune_event_log(double created_before, int limit) override {
        prepare(kPruneEventLog).bind_all(limit, created_before).run();
        return connection().changes();
    }

    std::int64_t outbox_backlog() override {
        auto s = prepare(kOutboxBacklog);
        s.step();
        return s.integer(0);
    }

    bool record_processed(const ProcessedEvent& e) override {
        prepare(kRecordProcessed)
            .bind_all(e.subscriber_name, e.stream_name, e.stream_message_id, e.event_id,
                      e.event_type, e.processed_at, e.tenant_id, e.metadata_json)
            .run();
        return connection().changes() == 1;
    }

    // On success the connection goes back to the pool at once; on failure the transaction stays
    // open until destruction rolls it back.
    void commit() override {
        prepare("COMMIT").run();
        lease_.reset();
    }

  private:
    Connection& connection() {
        if (!lease_) throw std::runtime_error("sqlite: transaction already committed");
        return lease_->connection();
    }

    Stmt prepare(std::string_view sql) { return connection().prepare(sql); }

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
        : shared_(std::make_shared<Shared>(path, options)) {}

    std::unique_ptr<Transaction> begin_read() override {
        return std::make_unique<SqliteTransaction>(shared_, false);
    }

    std::unique_ptr<Transaction> begin_write() override {
        return std::make_unique<SqliteTransaction>(shared_, true);
    }

    void migrate() override {
        Lease lease(shared_, true);
        auto& c = lease.connection();
        c.exec("BEGIN IMMEDIATE");
        c.exec(std::string(sqlite::kCreateSchemaMigrations).c_str());
        int current = 0;
        {
            auto s = c.prepare(kSchemaVersion);
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
            c.prepare(kInsertMigration).bind_all(migration.version, now_seconds()).run();
        }
        c.exec("COMMIT");  // the Lease rolls back if anything above threw
    }

    int schema_version() override {
        Lease lease(shared_, false);
        auto& c = lease.connection();
        {
            auto s = c.prepare(kHasSchemaMigrations);
            s.step();
            if (s.integer(0) == 0) return 0;
        }
        auto s = c.prepare(kSchemaVersion);
        s.step();
        return static_cast<int>(s.integer(0));
    }

    bool ping() override {
        try {
            Lease lease(shared_, false);
            auto s = lease.connection().prepare(kPing);
            return s.step() && s.integer(0) == 1;
        } catch (const std::exception&) {
            return false;
        }
    }

    std::string backend_name() const override { return "sqlite"; }

  private:
    std::shared_ptr<Shared> shared_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const SqliteOptions& options) {
    return std::make_unique<SqliteStore>(path, options);
}

std::unique_ptr<Store> open_sqlite_store(const std::string& path, int pool_size) {
    SqliteOptions options;
    options.pool_size = pool_size;
    return open_sqlite_store(path, options);
}

}  // namespace coursedist::storage
