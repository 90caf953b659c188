// The WAL checkpointer against a real SQLite file: a commit that takes the WAL past the threshold
// asks for a checkpoint, which runs on the checkpointer's thread; smaller commits ask nothing.

#include "storage/sqlite/wal_checkpointer.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include "storage/temp_dir.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

namespace coursedist::storage::sqlite {
namespace {

using coursedist::testing::eventually;

class WalCheckpointerTest : public ::testing::Test {
  protected:
    WalCheckpointerTest() {
        Connection setup(dir.file("db.sqlite"), 1000, SqliteSynchronous::Full);
        setup.exec("PRAGMA journal_mode=WAL");
        setup.exec("CREATE TABLE t (v TEXT)");
    }

    // One commit of `rows` rows of 1 KB each.
    static void write(Connection& connection, int rows) {
        connection.exec("BEGIN");
        for (int i = 0; i < rows; ++i) connection.exec("INSERT INTO t VALUES (randomblob(1000))");
        connection.exec("COMMIT");
    }

    storage::testing::TempDir dir;
};

TEST_F(WalCheckpointerTest, ACommitPastTheThresholdIsCheckpointedOnItsThread) {
    WalCheckpointer checkpointer(dir.file("db.sqlite"), 1000, 50);
    Connection writer(dir.file("db.sqlite"), 1000, SqliteSynchronous::Full);
    checkpointer.watch(writer);
    write(writer, 1);  // a page or two: below the threshold
    EXPECT_EQ(checkpointer.completed(), 0u);
    write(writer, 200);  // ~200 pages
    EXPECT_TRUE(eventually([&] { return checkpointer.completed() >= 1; }));
}

TEST_F(WalCheckpointerTest, StopsWithoutHavingBeenAsked) {
    WalCheckpointer checkpointer(dir.file("db.sqlite"), 1000, 50);
    EXPECT_EQ(checkpointer.completed(), 0u);
}  // the destructor joins the idle thread

}  // namespace
}  // namespace coursedist::storage::sqlite
