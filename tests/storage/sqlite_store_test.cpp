// The SQLite backend: the shared contract suite plus SQLite-specific behaviour.

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/sqlite/connection_pool.hpp"
#include "storage/sqlite/migrations.hpp"
#include "store_contract.hpp"
#include "temp_dir.hpp"

#include "support/eventually.hpp"

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>

namespace coursedist::storage::testing {
namespace {

TempDir& temp_dir() {
    static TempDir dir;
    return dir;
}

std::string fresh_path() {
    static std::atomic<int> counter{0};
    return temp_dir().file("store-" + std::to_string(++counter) + ".db");
}

INSTANTIATE_TEST_SUITE_P(
    Sqlite, StoreContractTest,
    ::testing::Values(StoreFactory{"sqlite", [] { return open_sqlite_store(fresh_path(), 4); }},
                      StoreFactory{"sqlite_single_connection",
                                   [] { return open_sqlite_store(fresh_path(), 1); }}),
    StoreFactoryName{});

// A raw connection, outside the store, for inspecting the file and holding locks.
class RawDb {
  public:
    explicit RawDb(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("open");
    }
    ~RawDb() { sqlite3_close(db_); }
    int exec(const char* sql) { return sqlite3_exec(db_, sql, nullptr, nullptr, nullptr); }
    std::string text(const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW) {
            if (auto* t = sqlite3_column_text(stmt, 0)) out = reinterpret_cast<const char*>(t);
        }
        sqlite3_finalize(stmt);
        return out;
    }

  private:
    sqlite3* db_ = nullptr;
};

domain::Distribution sample(int n) {
    domain::Distribution d;
    d.distribution_id = "dist_00000000000000" + std::to_string(10 + n);
    d.course_id = "course";
    d.slug = "sample-" + std::to_string(n);
    d.language = "en";
    d.title = "Sample title " + std::to_string(n);
    d.description = "Sample description";
    d.created_at = d.updated_at = 1700000000 + n;
    return d;
}

TEST(SqliteStore, BackendNameAndSchemaMigrationsTable) {
    const std::string path = fresh_path();
    auto store = open_sqlite_store(path, 2);
    EXPECT_EQ(store->backend_name(), "sqlite");
    store->migrate();
    EXPECT_EQ(store->schema_version(), sqlite::kLatestSchemaVersion);
    store->migrate();
    RawDb raw(path);
    EXPECT_EQ(raw.text("SELECT count(*) FROM schema_migrations"),
              std::to_string(sqlite::kMigrations.size()));
    EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
    EXPECT_NE(raw.text("SELECT applied_at FROM schema_migrations WHERE version = 1"), "");
}

// A database of version 1 with events, some pruned: migration 2 keeps the events and the
// sequence (no seq is handed out twice) and drops the event_id index.
TEST(SqliteStore, MigrationTwoKeepsTheEventLogAndItsSequence) {
    const std::string path = fresh_path();
    {
        RawDb raw(path);
        ASSERT_EQ(raw.exec(std::string(sqlite::kCreateSchemaMigrations).c_str()), SQLITE_OK);
        ASSERT_EQ(raw.exec(std::string(sqlite::kMigration1InitialSchema).c_str()), SQLITE_OK);
        ASSERT_EQ(raw.exec("INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0);"
                           "INSERT INTO outbox (event_id, event_type, envelope, created_at)"
                           " VALUES ('a', 't', '{}', 1), ('b', 't', '{}', 2), ('c', 't', '{}', 3);"
                           "DELETE FROM outbox WHERE seq = 3;"),
                  SQLITE_OK);
    }
    auto store = open_sqlite_store(path, 1);
    store->migrate();
    EXPECT_EQ(store->schema_version(), sqlite::kLatestSchemaVersion);
    auto tx = store->begin_write();
    const auto kept = tx->outbox_after(0, 10);
    ASSERT_EQ(kept.size(), 2u);
    EXPECT_EQ(kept[1].event_id, "b");
    OutboxEvent event;
    event.event_id = "b";  // the same id again is not refused any more
    event.event_type = "t";
    event.envelope_json = "{}";
    EXPECT_EQ(tx->append_outbox(event), 4);  // 3 was handed out before the migration
    tx->commit();
    RawDb raw(path);
    EXPECT_EQ(raw.text("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'outbox'"
                       " AND type = 'index' AND name LIKE 'sqlite_autoindex%'"),
              "0");
}

// A database of version 6 with distributions: migration 7 starts the slug history with their
// current slugs, which stay reserved once renamed away from.
TEST(SqliteStore, MigrationSevenStartsTheSlugHistoryWithTheCurrentSlugs) {
    const std::string path = fresh_path();
    {
        auto store = open_sqlite_store(path, 1);
        store->migrate();
        auto tx = store->begin_write();
        tx->insert(sample(1));
        tx->insert(sample(2));
        tx->commit();
    }
    {
        RawDb raw(path);  // back to version 6 (the later migrations run again: IF NOT EXISTS)
        ASSERT_EQ(raw.exec("DROP TRIGGER distributions_slug_inserted;"
                           "DROP TRIGGER distributions_slug_changed;"
                           "DROP TRIGGER distributions_slug_deleted;"
                           "DROP TABLE distribution_slugs;"
                           "DELETE FROM schema_migrations WHERE version >= 7;"),
                  SQLITE_OK);
    }
    auto store = open_sqlite_store(path, 1);
    store->migrate();
    EXPECT_EQ(store->schema_version(), sqlite::kLatestSchemaVersion);
    auto tx = store->begin_write();
    EXPECT_EQ(tx->find_slug("sample-1"),
              (SlugRecord{"sample-1", sample(1).distribution_id, sample(1).updated_at}));
    auto renamed = sample(2);
    renamed.slug = "renamed";
    tx->update(renamed);
    EXPECT_EQ(tx->old_slugs(renamed.distribution_id).size(), 1u);
    auto taking = sample(3);
    taking.slug = "sample-2";  // an old slug now, of a distribution from before the migration
    EXPECT_THROW(tx->insert(taking), SlugTaken);
}

// Commits past the threshold hand the checkpoint to the store's own thread; it copies the WAL
// into the database file.
TEST(SqliteStore, ABackgroundThreadCheckpointsTheWal) {
    const std::string path = fresh_path();
    SqliteOptions options;
    options.pool_size = 1;
    options.wal_checkpoint_pages = 8;
    auto store = open_sqlite_store(path, options);
    store->migrate();
    const auto size_before = std::filesystem::file_size(path);
    for (int n = 1; n <= 40; ++n) {
        auto tx = store->begin_write();
        tx->insert(sample(n));
        tx->commit();
    }
    EXPECT_TRUE(coursedist::testing::eventually(
        [&] { return std::filesystem::file_size(path) > size_before; }));
    EXPECT_TRUE(store->begin_read()->find(sample(40).distribution_id).has_value());
}

TEST(SqliteStore, MigrationsAreAppliedByOnlyOneOfTwoStores) {
    const std::string path = fresh_path();
    auto a = open_sqlite_store(path, 2);
    auto b = open_sqlite_store(path, 2);
    a->migrate();
    b->migrate();
    EXPECT_EQ(b->schema_version(), sqlite::kLatestSchemaVersion);
    auto tx = b->begin_write();
    tx->insert(sample(1));
    tx->commit();
    EXPECT_TRUE(a->begin_read()->find(sample(1).distribution_id).has_value());
}

TEST(SqliteStore, DataSurvivesReopening) {
    const std::string path = fresh_path();
    {
        auto store = open_sqlite_store(path, 2);
        store->migrate();
        auto tx = store->begin_write();
        tx->insert(sample(1));
        tx->commit();
    }
    auto store = open_sqlite_store(path, 2);
    store->migrate();
    EXPECT_EQ(store->begin_read()->find(sample(1).distribution_id), sample(1));
}

TEST(SqliteStore, UnopenablePathIsUnavailable) {
    EXPECT_THROW(open_sqlite_store(temp_dir().file("missing-dir/x.db"), 1), StorageUnavailable);
}

TEST(SqliteStore, ExclusiveLockElsewhereMakesWritesUnavailable) {
    const std::string path = fresh_path();
    auto store = open_sqlite_store(path, SqliteOptions{.pool_size = 2, .busy_timeout_ms = 100});
    store->migrate();
    {
        auto tx = store->begin_write();
        tx->insert(sample(1));
        tx->commit();
    }
    RawDb raw(path);
    ASSERT_EQ(raw.exec("BEGIN EXCLUSIVE"), SQLITE_OK);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(store->begin_write(), StorageUnavailable);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
    // In WAL mode readers still see the last committed state.
    EXPECT_TRUE(store->begin_read()->find(sample(1).distribution_id).has_value());
    ASSERT_EQ(raw.exec("COMMIT"), SQLITE_OK);
    // Once the lock is gone the store works again (the failed attempt leaked nothing).
    for (int i = 0; i < 3; ++i) {
        auto tx = store->begin_write();
        EXPECT_EQ(tx->increment(Counter::Views, sample(1).distribution_id)->view_count, i + 1);
        tx->commit();
    }
}

TEST(SqliteStore, WriteInsideAReadTransactionHittingALockIsUnavailable) {
    const std::string path = fresh_path();
    auto store = open_sqlite_store(path, SqliteOptions{.pool_size = 2, .busy_timeout_ms = 50});
    store->migrate();
    RawDb raw(path);
    ASSERT_EQ(raw.exec("BEGIN IMMEDIATE"), SQLITE_OK);
    auto tx = store->begin_read();
    EXPECT_THROW(tx->insert(sample(1)), StorageUnavailable);
    raw.exec("ROLLBACK");
}

TEST(SqliteStore, ExhaustedPoolIsUnavailable) {
    auto store =
        open_sqlite_store(fresh_path(), SqliteOptions{.pool_size = 1, .busy_timeout_ms = 50});
    store->migrate();
    auto held = store->begin_read();
    EXPECT_THROW(store->begin_read(), StorageUnavailable);
    EXPECT_FALSE(store->ping());
    held.reset();
    EXPECT_TRUE(store->ping());
    // A second writer waits for the writer turn and then gives up.
    auto writer = store->begin_write();
    EXPECT_THROW(store->begin_write(), StorageUnavailable);
}

TEST(SqliteStore, UseAfterCommitThrows) {
    auto store = open_sqlite_store(fresh_path(), 1);
    store->migrate();
    auto tx = store->begin_write();
    tx->insert(sample(1));
    tx->commit();
    EXPECT_THROW(tx->find(sample(1).distribution_id), std::runtime_error);
    EXPECT_THROW(tx->commit(), std::runtime_error);
}

TEST(SqliteStore, CorruptJsonColumnIsARuntimeError) {
    const std::string path = fresh_path();
    auto store = open_sqlite_store(path, 1);
    store->migrate();
    {
        auto tx = store->begin_write();
        tx->insert(sample(1));
        tx->commit();
    }
    RawDb raw(path);
    ASSERT_EQ(raw.exec("UPDATE distributions SET seo = '{broken'"), SQLITE_OK);
    EXPECT_THROW(store->begin_read()->find(sample(1).distribution_id), std::runtime_error);
}

TEST(SqliteStore, ChangelogForUnknownDistributionIsRefused) {
    auto store = open_sqlite_store(fresh_path(), 1);
    store->migrate();
    auto tx = store->begin_write();
    EXPECT_THROW(tx->add_changelog("dist_ffffffffffffffff", {"v2", std::nullopt, 1}),
                 std::runtime_error);
}

// PRAGMA synchronous of a connection of the store's pool: 2 = FULL, 1 = NORMAL.
int synchronous_of_pool(const SqliteOptions& options) {
    sqlite::StoreConnections connections(fresh_path(), options);
    auto connection = connections.pool.acquire();
    auto pragma = connection->prepare("PRAGMA synchronous");
    const int value = pragma.step() ? static_cast<int>(pragma.integer(0)) : -1;
    connections.pool.release(std::move(connection));
    return value;
}

TEST(SqliteStore, CommitsAreSyncedInFullByDefaultAndNormalOnlyWhenAsked) {
    EXPECT_EQ(synchronous_of_pool(SqliteOptions{}), 2);  // FULL: survives a power loss
    SqliteOptions normal;
    normal.synchronous = SqliteSynchronous::Normal;
    EXPECT_EQ(synchronous_of_pool(normal), 1);
}

TEST(SqliteStore, SynchronousSettingIsFullOrNormal) {
    EXPECT_EQ(parse_sqlite_synchronous("full"), SqliteSynchronous::Full);
    EXPECT_EQ(parse_sqlite_synchronous("normal"), SqliteSynchronous::Normal);
    for (const char* text : {"", "FULL", "off", "extra", "2"})
        EXPECT_EQ(parse_sqlite_synchronous(text), std::nullopt) << text;
}

}  // namespace
}  // namespace coursedist::storage::testing
