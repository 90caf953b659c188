#include "storage/sqlite/sqlite_db.hpp"

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/store.hpp"

#include <type_traits>
#include <utility>
#include <variant>

namespace coursedist::storage::sqlite {

bool is_unavailable_code(int rc) {
    switch (rc & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_PROTOCOL:
            return true;
        default:
            return false;
    }
}

void throw_sqlite_error(sqlite3* db, int rc, std::string_view what) {
    const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
    std::string message(what);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (is_unavailable_code(rc)) throw StorageUnavailable(message);
    throw SqliteError(rc & 0xff, extended, message);
}

// --- Stmt ---------------------------------------------------------------------------------------

Stmt::~Stmt() {
    if (stmt_ != nullptr) {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
}

void Stmt::check_bind(int rc) {
    if (rc != SQLITE_OK) throw_sqlite_error(connection_->handle(), rc, "bind");
}

Stmt& Stmt::bind(int index, std::string_view value) {
    check_bind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
    return *this;
}

Stmt& Stmt::bind(int index, double value) {
    check_bind(sqlite3_bind_double(stmt_, index, value));
    return *this;
}

Stmt& Stmt::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(stmt_, index, value));
    return *this;
}

Stmt& Stmt::bind(int index, std::nullopt_t) {
    check_bind(sqlite3_bind_null(stmt_, index));
    return *this;
}

Stmt& Stmt::bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, std::string_view(*value)) : bind(index, std::nullopt);
}

Stmt& Stmt::bind(int index, const std::optional<double>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
}

Stmt& Stmt::bind(int index, const SqlValue& value) {
    return std::visit(
        [&](const auto& v) -> Stmt& {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
                return bind(index, std::nullopt);
            } else {
                return bind(index, v);
            }
        },
        value);
}

bool Stmt::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite_error(connection_->handle(), rc, "step");
}

void Stmt::run() {
    while (step()) {
    }
}

bool Stmt::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Stmt::text(int column) const {
    const auto* data = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (data == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::string> Stmt::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

double Stmt::real(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::optional<double> Stmt::optional_real(int column) const {
    if (is_null(column)) return std::nullopt;
    return real(column);
}

std::int64_t Stmt::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

// --- Connection ---------------------------------------------------------------------------------

Connection::Connection(const std::string& path, int busy_timeout_ms,
                       SqliteSynchronous synchronous) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "open " + path + ": ";
        message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        if (is_unavailable_code(rc)) throw StorageUnavailable(message);
        throw SqliteError(rc & 0xff, rc, message);
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
        sqlite3_busy_timeout(db_, busy_timeout_ms);
        exec("PRAGMA journal_mode=WAL");
        exec(synchronous == SqliteSynchronous::Full ? "PRAGMA synchronous=FULL"
                                                    : "PRAGMA synchronous=NORMAL");
        exec("PRAGMA foreign_keys=ON");
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

Connection::~Connection() {
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
}

Stmt Connection::prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        sqlite3_stmt* stmt = nullptr;
        const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(stmt);
            throw_sqlite_error(db_, rc, "prepare");
        }
        it = statements_.emplace(sql, stmt).first;
    }
    return Stmt(*this, it->second);
}

void Connection::exec(const char* sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message =
            std::string("exec: ") + (error != nullptr ? error : sqlite3_errstr(rc));
        sqlite3_free(error);
        if (is_unavailable_code(rc)) throw StorageUnavailable(message);
        throw SqliteError(rc & 0xff, sqlite3_extended_errcode(db_), message);
    }
}

}  // namespace coursedist::storage::sqlite
