#pragma once
// A thin RAII layer over the sqlite3 C API: one Connection (with its prepared-statement cache keyed
// by SQL text) and Stmt, a borrowed cached statement that is reset when it goes out of scope.
// Every failing call throws: storage::StorageUnavailable for the retryable codes (BUSY, LOCKED,
// CANTOPEN, IOERR, FULL, PROTOCOL), SqliteError (a std::runtime_error) for everything else.

#include "storage/sql_value.hpp"

#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace coursedist::storage {
enum class SqliteSynchronous;  // sqlite_store.hpp
}

namespace coursedist::storage::sqlite {

// A non-retryable SQLite error, with its (extended) result code.
class SqliteError : public std::runtime_error {
  public:
    SqliteError(int code, int extended_code, const std::string& message)
        : std::runtime_error(message), code_(code), extended_code_(extended_code) {}
    int code() const { return code_; }  // primary result code (SQLITE_CONSTRAINT …)
    int extended_code() const { return extended_code_; }

  private:
    int code_;
    int extended_code_;
};

// True for the result codes that mean "the database is busy or unreachable, retry later".
bool is_unavailable_code(int rc);
// Throws the exception matching rc (StorageUnavailable or SqliteError); `what` names the operation.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view what);

class Connection;

// A cached statement borrowed from its Connection; resets and clears its bindings on destruction,
// so no statement stays active (holding locks) after use.
class Stmt {
  public:
    Stmt(Connection& connection, sqlite3_stmt* stmt) : connection_(&connection), stmt_(stmt) {}
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& other) noexcept
        : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}
    Stmt& operator=(Stmt&&) = delete;
    ~Stmt();

    // Parameters are 1-based, as in sqlite3_bind_*.
    Stmt& bind(int index, std::string_view value);
    Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Stmt& bind(int index, double value);
    Stmt& bind(int index, std::int64_t value);
    Stmt& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Stmt& bind(int index, std::nullopt_t);
    Stmt& bind(int index, const std::optional<std::string>& value);
    Stmt& bind(int index, const std::optional<double>& value);
    Stmt& bind(int index, const SqlValue& value);

    // Binds the arguments to parameters 1, 2, … in order.
    template <typename... Args>
    Stmt& bind_all(const Args&... args) {
        int index = 0;
        (bind(++index, args), ...);
        return *this;
    }

    // Advances: true when a row is available, false when done.
    bool step();
    // Runs a statement that returns no rows of interest to completion.
    void run();

    bool is_null(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    double real(int column) const;
    std::optional<double> optional_real(int column) const;
    std::int64_t integer(int column) const;

  private:
    void check_bind(int rc);

    Connection* connection_;
    sqlite3_stmt* stmt_;
};

class Connection {
  public:
    // Opens (creating if needed) the database and applies the per-connection settings: WAL,
    // `synchronous`, foreign_keys=ON, busy_timeout.
    Connection(const std::string& path, int busy_timeout_ms, SqliteSynchronous synchronous);
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();

    sqlite3* handle() const { return db_; }
    // The cached prepared statement for this SQL text (prepared on first use).
    Stmt prepare(std::string_view sql);
    // Runs one or more statements without result rows (PRAGMA, BEGIN, DDL …).
    void exec(const char* sql);
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }
    std::int64_t changes() const { return sqlite3_changes64(db_); }
    std::int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

  private:
    sqlite3* db_ = nullptr;
    struct SqlHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view sql) const {
            return std::hash<std::string_view>{}(sql);
        }
    };
    std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

}  // namespace coursedist::storage::sqlite
