#pragma once
// PostgreSQL for tests: private clusters run by scripts/test-postgres.sh (initdb under the build
// folder, a free loopback port, stopped and removed at the end), and scratch databases on them.

#include <filesystem>
#include <string>

namespace coursedist::testing {

class PostgresCluster {
  public:
    // Creates and starts a cluster in a fresh folder under <build>/postgres-test.
    PostgresCluster();
    ~PostgresCluster();  // stops it and removes its folder
    PostgresCluster(const PostgresCluster&) = delete;
    PostgresCluster& operator=(const PostgresCluster&) = delete;

    void stop();   // fast shutdown: clients are disconnected
    void start();  // same port and data as before
    const std::string& admin_uri() const { return admin_uri_; }

  private:
    std::filesystem::path dir_;
    std::string admin_uri_;
};

// The cluster the tests of this process share: COURSEDIST_TEST_POSTGRES_URI when set (scripts/
// run-tests.sh starts one for the whole run), else a private cluster started on first use. Tests
// that stop the server must use their own PostgresCluster instead.
const std::string& shared_postgres_admin_uri();

// `admin_uri` with its database replaced by `database`.
std::string postgres_uri_for(const std::string& admin_uri, const std::string& database);

// A new, empty database on the cluster of `admin_uri`, dropped (connections and all) when
// destroyed.
class ScratchPostgresDatabase {
  public:
    explicit ScratchPostgresDatabase(std::string admin_uri);
    ~ScratchPostgresDatabase();
    ScratchPostgresDatabase(const ScratchPostgresDatabase&) = delete;
    ScratchPostgresDatabase& operator=(const ScratchPostgresDatabase&) = delete;

    const std::string& uri() const { return uri_; }
    const std::string& name() const { return name_; }

  private:
    std::string admin_uri_;
    std::string name_;
    std::string uri_;
};

}  // namespace coursedist::testing
