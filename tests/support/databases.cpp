#include "support/databases.hpp"

#include "support/postgres_server.hpp"

#include <stdexcept>

namespace coursedist::testing {

namespace {
class SqliteDatabase : public TestDatabase {
  public:
    explicit SqliteDatabase(std::string path) : path_(std::move(path)) {}
    std::string uri() const override { return "sqlite:" + path_; }

  private:
    std::string path_;
};

class PostgresDatabase : public TestDatabase {
  public:
    PostgresDatabase() : database_(shared_postgres_admin_uri()) {}
    std::string uri() const override { return database_.uri(); }

  private:
    ScratchPostgresDatabase database_;
};
}  // namespace

std::unique_ptr<TestDatabase> make_test_database(const std::string& backend,
                                                 const std::string& dir) {
    if (backend == "sqlite") return std::make_unique<SqliteDatabase>(dir + "/coursedist.db");
    if (backend == "postgres") return std::make_unique<PostgresDatabase>();
    throw std::runtime_error("unknown test backend " + backend);
}

std::vector<std::string> test_backends() {
    return {"sqlite", "postgres"};
}

}  // namespace coursedist::testing
