#include "support/postgres_server.hpp"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <stdexcept>

#ifndef COURSEDIST_SOURCE_DIR
#error "COURSEDIST_SOURCE_DIR must be defined by the build (tests/CMakeLists.txt)"
#endif
#ifndef COURSEDIST_BUILD_DIR
#error "COURSEDIST_BUILD_DIR must be defined by the build (tests/CMakeLists.txt)"
#endif

namespace coursedist::testing {

namespace {

std::string quoted(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

// Runs scripts/test-postgres.sh; returns the last line it printed, throws with its output on
// failure.
std::string run_cluster_script(const std::string& command, const std::filesystem::path& dir) {
    const std::string script = std::string(COURSEDIST_SOURCE_DIR) + "/scripts/test-postgres.sh";
    const std::string line = quoted(script) + " " + command + " " + quoted(dir.string()) + " 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(line.c_str(), "r"), ::pclose);
    if (!pipe) throw std::runtime_error("cannot run " + script);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) output += buffer;
    const int status = ::pclose(pipe.release());
    if (status != 0) throw std::runtime_error("test-postgres.sh " + command + " failed: " + output);
    while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
    // The answer (a URI, for `start`) is the last line; warnings of the tools may precede it.
    return output.substr(output.find_last_of('\n') + 1);
}

std::string unique_suffix() {
    static std::atomic<unsigned> counter{0};
    std::random_device random;
    return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" +
           std::to_string(random() % 1000000);
}

// One statement outside a transaction (CREATE/DROP DATABASE). Plain libpq: it also runs from
// static destructors at exit, after libpqxx's own statics may be gone.
void admin_exec(const std::string& uri, const std::string& sql) {
    std::unique_ptr<PGconn, void (*)(PGconn*)> connection(PQconnectdb(uri.c_str()), PQfinish);
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        throw std::runtime_error("cannot connect to " + uri + ": " +
                                 PQerrorMessage(connection.get()));
    }
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(PQexec(connection.get(), sql.c_str()),
                                                          PQclear);
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
        throw std::runtime_error(sql + ": " + PQerrorMessage(connection.get()));
    }
}

}  // namespace

PostgresCluster::PostgresCluster()
    : dir_(std::filesystem::path(COURSEDIST_BUILD_DIR) / "postgres-test" /
           ("cluster_" + unique_suffix())) {
    admin_uri_ = run_cluster_script("start", dir_);
}

PostgresCluster::~PostgresCluster() {
    try {
        run_cluster_script("destroy", dir_);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "warning: %s\n", e.what());
    }
}

void PostgresCluster::stop() {
    run_cluster_script("stop", dir_);
}

void PostgresCluster::start() {
    run_cluster_script("start", dir_);
}

const std::string& shared_postgres_admin_uri() {
    static const std::string uri = [] {
        if (const char* given = std::getenv("COURSEDIST_TEST_POSTGRES_URI");
            given != nullptr && *given != '\0') {
            return std::string(given);
        }
        // Destroyed at exit, which stops the private cluster.
        static PostgresCluster cluster;
        return cluster.admin_uri();
    }();
    return uri;
}

std::string postgres_uri_for(const std::string& admin_uri, const std::string& database) {
    const auto scheme = admin_uri.find("://");
    if (scheme == std::string::npos) throw std::runtime_error("not a URI: " + admin_uri);
    const auto query = admin_uri.find('?', scheme);
    const auto path = admin_uri.find('/', scheme + 3);
    const std::string authority =
        admin_uri.substr(0, std::min(path, query == std::string::npos ? admin_uri.size() : query));
    const std::string rest = query == std::string::npos ? "" : admin_uri.substr(query);
    return authority + "/" + database + rest;
}

ScratchPostgresDatabase::ScratchPostgresDatabase(std::string admin_uri)
    : admin_uri_(std::move(admin_uri)), name_("coursedist_test_" + unique_suffix()) {
    admin_exec(admin_uri_, "CREATE DATABASE " + name_);
    uri_ = postgres_uri_for(admin_uri_, name_);
}

ScratchPostgresDatabase::~ScratchPostgresDatabase() {
    try {
        admin_exec(admin_uri_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception& e) {
        // The cluster may be gone already (a test stopped it); nothing left to clean then.
        std::fprintf(stderr, "warning: dropping test database %s: %s\n", name_.c_str(), e.what());
    }
}

}  // namespace coursedist::testing
