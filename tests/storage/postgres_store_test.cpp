// The PostgreSQL backend: the shared contract suite (each test on a fresh database of the test
// cluster, see support/postgres_server.hpp) plus what only a server database has: concurrent
// migrations, several relaying transactions, concurrent writers, and the server going away.

#include "storage/postgres/postgres_store.hpp"

#include "domain/sample_distribution.hpp"
#include "storage/postgres/migrations.hpp"
#include "storage/postgres/session.hpp"
#include "storage/refusals.hpp"
#include "store_contract.hpp"
#include "support/postgres_server.hpp"

#include <pqxx/pqxx>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace coursedist::storage::testing {
namespace {

using coursedist::testing::PostgresCluster;
using coursedist::testing::ScratchPostgresDatabase;
using coursedist::testing::shared_postgres_admin_uri;

// A fresh database on the shared cluster, kept until the test process ends (a store may still
// hold connections to it when a test finishes).
const std::string& fresh_database_uri() {
    const std::string& admin_uri = shared_postgres_admin_uri();  // started before `databases`
    static std::vector<std::unique_ptr<ScratchPostgresDatabase>> databases;
    databases.push_back(std::make_unique<ScratchPostgresDatabase>(admin_uri));
    return databases.back()->uri();
}

INSTANTIATE_TEST_SUITE_P(
    Postgres, StoreContractTest,
    ::testing::Values(StoreFactory{"postgres",
                                   [] { return open_postgres_store(fresh_database_uri(), 4); }},
                      StoreFactory{"postgres_single_connection",
                                   [] { return open_postgres_store(fresh_database_uri(), 1); }}),
    StoreFactoryName{});

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

OutboxEvent event(int n) {
    OutboxEvent e;
    e.event_id = "event-" + std::to_string(n);
    e.event_type = "distribution.viewed";
    e.envelope_json = R"({"id":"event-)" + std::to_string(n) + R"("})";
    e.created_at = 1700000000 + n;
    return e;
}

std::string scalar(const std::string& uri, const std::string& sql) {
    pqxx::connection c(uri);
    return pqxx::nontransaction(c).exec(sql)[0][0].c_str();
}

// A database of version 1: migration 2 drops the outbox's event_id constraint and keeps the
// events and their sequence.
TEST(PostgresStore, MigrationTwoDropsTheEventIdConstraint) {
    const std::string uri = fresh_database_uri();
    {
        pqxx::connection c(uri);
        pqxx::nontransaction tx(c);
        tx.exec(std::string(postgres::kCreateSchemaMigrations));
        tx.exec(std::string(postgres::kMigration1InitialSchema));
        tx.exec("INSERT INTO schema_migrations (version, name) VALUES (1, 'initial schema')");
        tx.exec(
            "INSERT INTO outbox (event_id, event_type, envelope, created_at)"
            " VALUES ('a', 't', '{}', 1), ('b', 't', '{}', 2)");
    }
    auto store = open_postgres_store(uri, 1);
    store->migrate();
    EXPECT_EQ(store->schema_version(), postgres::kLatestSchemaVersion);
    EXPECT_EQ(
        scalar(uri, "SELECT count(*) FROM pg_constraint WHERE conname = 'outbox_event_id_key'"),
        "0");
    auto tx = store->begin_write();
    OutboxEvent event;
    event.event_id = "b";
    event.event_type = "t";
    event.envelope_json = "{}";
    EXPECT_EQ(tx->append_outbox(event), 3);
    tx->commit();
}

TEST(PostgresStore, BackendNameAndSchemaMigrationsTable) {
    const std::string uri = fresh_database_uri();
    auto store = open_postgres_store(uri, 2);
    EXPECT_EQ(store->backend_name(), "postgresql");
    EXPECT_EQ(store->schema_version(), 0);
    store->migrate();
    EXPECT_EQ(store->schema_version(), postgres::kLatestSchemaVersion);
    store->migrate();
    EXPECT_EQ(scalar(uri, "SELECT count(*) FROM schema_migrations"),
              std::to_string(postgres::kMigrations.size()));
    EXPECT_EQ(scalar(uri,
                     "SELECT data_type FROM information_schema.columns"
                     " WHERE table_name = 'distributions' AND column_name = 'seo'"),
              "jsonb");
}

TEST(PostgresStore, TwoStoresMigratingAtOnceApplyEachMigrationOnce) {
    const std::string uri = fresh_database_uri();
    constexpr int kStores = 4;
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < kStores; ++i) stores.push_back(open_postgres_store(uri, 1));
    std::atomic<bool> go{false};
    std::vector<std::future<void>> migrations;
    for (auto& store : stores) {
        migrations.push_back(std::async(std::launch::async, [&go, &store] {
            while (!go) std::this_thread::yield();
            store->migrate();
        }));
    }
    go = true;
    for (auto& migration : migrations) EXPECT_NO_THROW(migration.get());
    EXPECT_EQ(scalar(uri, "SELECT count(*) FROM schema_migrations"),
              std::to_string(postgres::kMigrations.size()));
    for (auto& store : stores) EXPECT_EQ(store->schema_version(), postgres::kLatestSchemaVersion);
}

// Two transactions claiming one slug: one renames a distribution away from it (it becomes an old
// slug), the other creates a distribution with it meanwhile. The second waits for the first at
// the unique indexes and is refused by the slug history's key once the first commits.
TEST(PostgresStore, ASlugRenamedAwayWhileAnotherClaimsItStaysReserved) {
    auto store = open_postgres_store(fresh_database_uri(), 2);
    store->migrate();
    auto a = domain::testing::full_distribution();
    a.derived_from = std::nullopt;
    a.slug = "contested";
    {
        auto tx = store->begin_write();
        tx->insert(a);
        tx->commit();
    }
    auto renaming = store->begin_write();
    auto renamed = a;
    renamed.slug = "moved-on";
    renamed.updated_at += 1;
    renaming->update(renamed);
    auto claim = std::async(std::launch::async, [&] {
        auto tx = store->begin_write();
        auto b = a;
        b.distribution_id = "dist_00000000000000b2";
        tx->insert(b);  // waits for `renaming`
        tx->commit();
    });
    // The claim cannot finish before the rename ends: it waits on the slug's index entry.
    EXPECT_EQ(claim.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
    renaming->commit();
    EXPECT_THROW(claim.get(), SlugTaken);
    auto tx = store->begin_read();
    EXPECT_EQ(tx->find_slug("contested")->distribution_id, a.distribution_id);
    EXPECT_EQ(tx->old_slugs(a.distribution_id).size(), 1u);
}

class PostgresStoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        uri_ = fresh_database_uri();
        store_ = open_postgres_store(uri_, 4);
        store_->migrate();
    }
    std::string uri_;
    std::unique_ptr<Store> store_;
};

// Two relaying transactions never get the same row: the second gets nothing while the first
// holds the relay turn, so rows are also published in seq order.
TEST_F(PostgresStoreTest, OutboxClaimsOfTwoRelaysAreDisjoint) {
    {
        auto tx = store_->begin_write();
        for (int n = 1; n <= 4; ++n) tx->append_outbox(event(n));
        tx->commit();
    }
    auto first = store_->begin_write();
    auto claimed = first->unpublished_outbox(2);
    ASSERT_EQ(claimed.size(), 2u);
    {
        auto second = store_->begin_write();
        EXPECT_TRUE(second->unpublished_outbox(10).empty());
    }
    first->mark_published({claimed[0].seq, claimed[1].seq}, 1000);
    first->commit();
    auto second = store_->begin_write();
    auto rest = second->unpublished_outbox(10);
    ASSERT_EQ(rest.size(), 2u);
    EXPECT_GT(rest[0].seq, claimed[1].seq);
    EXPECT_EQ(rest[0].event_id, "event-3");
}

// Rows another transaction locked are skipped, not waited for (FOR UPDATE SKIP LOCKED).
TEST_F(PostgresStoreTest, UnpublishedOutboxSkipsRowsLockedElsewhere) {
    {
        auto tx = store_->begin_write();
        for (int n = 1; n <= 3; ++n) tx->append_outbox(event(n));
        tx->commit();
    }
    pqxx::connection other(uri_);
    pqxx::work lock(other);
    lock.exec("SELECT seq FROM outbox WHERE event_id = 'event-1' FOR UPDATE");
    const auto start = std::chrono::steady_clock::now();
    auto tx = store_->begin_write();
    auto rows = tx->unpublished_outbox(10);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].event_id, "event-2");
}

// A later appender waits for an earlier one to commit, so seq order is commit order.
TEST_F(PostgresStoreTest, OutboxSeqOrderIsCommitOrder) {
    auto first = store_->begin_write();
    const auto first_seq = first->append_outbox(event(1));
    std::atomic<bool> second_done{false};
    auto second = std::async(std::launch::async, [&] {
        auto tx = store_->begin_write();
        auto seq = tx->append_outbox(event(2));
        tx->commit();
        second_done = true;
        return seq;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_FALSE(second_done.load());
    first->commit();
    EXPECT_GT(second.get(), first_seq);
    auto all = store_->begin_read()->outbox_after(0, 10);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].event_id, "event-1");
}

// Two instances creating the same slug at once: the database's constraint refuses the second.
TEST_F(PostgresStoreTest, ConcurrentInsertOfOneSlugIsSlugTakenForTheLoser) {
    auto other_store = open_postgres_store(uri_, 1);
    auto a = store_->begin_write();
    a->insert(sample(1));
    auto clash = sample(2);
    clash.slug = sample(1).slug;
    auto loser = std::async(std::launch::async, [&] {
        auto b = other_store->begin_write();
        b->insert(clash);  // waits for `a`
        b->commit();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    a->commit();
    EXPECT_THROW(loser.get(), SlugTaken);
}

// Two instances starting an experiment for one distribution at once: the one-running index
// refuses the second with the interface's error (the service's 409), not a database error.
TEST_F(PostgresStoreTest, ConcurrentStartsOfAnExperimentRefuseTheLoserAsAlreadyRunning) {
    {
        auto tx = store_->begin_write();
        tx->insert(sample(1));
        tx->commit();
    }
    const auto experiment = [](const std::string& id) {
        domain::Experiment e;
        e.experiment_id = id;
        e.distribution_id = sample(1).distribution_id;
        e.name = "Button text";
        e.variants = {{"a", sample(1).cta, 1}, {"b", sample(1).cta, 1}};
        e.started_at = 1'800'000'000;
        return e;
    };
    auto other_store = open_postgres_store(uri_, 1);
    auto a = store_->begin_write();
    a->insert_experiment(experiment("exp_00000000000000a1"));
    auto loser = std::async(std::launch::async, [&] {
        auto b = other_store->begin_write();
        b->insert_experiment(experiment("exp_00000000000000b2"));  // waits for `a`
        b->commit();
    });
    a->commit();
    EXPECT_THROW(loser.get(), ExperimentAlreadyRunning);
    EXPECT_EQ(store_->begin_read()->experiments_of(sample(1).distribution_id).size(), 1u);
}

TEST_F(PostgresStoreTest, UseAfterCommitThrows) {
    auto tx = store_->begin_write();
    tx->insert(sample(1));
    tx->commit();
    EXPECT_THROW(tx->find(sample(1).distribution_id), std::runtime_error);
    EXPECT_THROW(tx->commit(), std::runtime_error);
}

TEST_F(PostgresStoreTest, UnreachableServerIsUnavailable) {
    auto store = open_postgres_store("postgresql://postgres@127.0.0.1:1/none", 1);
    EXPECT_FALSE(store->ping());
    EXPECT_THROW(store->begin_read(), StorageUnavailable);
    EXPECT_THROW(store->migrate(), StorageUnavailable);
}

TEST_F(PostgresStoreTest, ExhaustedPoolIsUnavailable) {
    PostgresOptions options;
    options.pool_size = 1;
    options.acquire_timeout = std::chrono::milliseconds(50);
    auto store = open_postgres_store(uri_, options);
    auto held = store->begin_read();
    EXPECT_THROW(store->begin_read(), StorageUnavailable);
    EXPECT_FALSE(store->ping());
    held.reset();
    EXPECT_TRUE(store->ping());
}

// The server stops (connections cut) and comes back: operations fail fast with
// StorageUnavailable meanwhile, and the pool recovers by itself.
TEST(PostgresOutage, StoreIsUnavailableWhileTheServerIsDownAndRecoversAfter) {
    PostgresCluster cluster;
    ScratchPostgresDatabase database(cluster.admin_uri());
    auto store = open_postgres_store(database.uri(), 3);
    store->migrate();
    {
        auto tx = store->begin_write();
        tx->insert(sample(1));
        tx->commit();
    }
    // Fill the pool with idle connections that the outage will kill.
    {
        auto a = store->begin_read();
        auto b = store->begin_read();
        auto c = store->begin_read();
    }
    auto open_during_outage = store->begin_write();
    open_during_outage->increment(Counter::Views, sample(1).distribution_id);

    cluster.stop();
    const auto start = std::chrono::steady_clock::now();
    EXPECT_THROW(open_during_outage->commit(), StorageUnavailable);
    EXPECT_THROW(store->begin_read(), StorageUnavailable);
    EXPECT_FALSE(store->ping());
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    open_during_outage.reset();

    cluster.start();
    EXPECT_TRUE(store->ping());
    for (int i = 1; i <= 5; ++i) {  // more than the pool: every stale connection was replaced
        auto tx = store->begin_write();
        EXPECT_EQ(tx->increment(Counter::Views, sample(1).distribution_id)->view_count, i);
        tx->commit();
    }
    EXPECT_TRUE(store->begin_read()->find(sample(1).distribution_id).has_value());
}

// Every session of the store commits with synchronous_commit = on, even where the server or the
// role says off (the test cluster runs without fsync).
TEST(PostgresStore, SessionsCommitSynchronouslyWhateverTheServerDefault) {
    pqxx::connection connection(fresh_database_uri());
    pqxx::nontransaction(connection).exec("SET synchronous_commit = off");
    postgres::configure_session(connection);
    EXPECT_EQ(
        pqxx::nontransaction(connection).exec1("SHOW synchronous_commit")[0].as<std::string>(),
        "on");
}

}  // namespace
}  // namespace coursedist::storage::testing
