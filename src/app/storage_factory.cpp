#include "app/storage_factory.hpp"

#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include <filesystem>
#include <stdexcept>

namespace coursedist::app {

SqliteSettings sqlite_settings(const Config& config) {
    SqliteSettings settings;
    settings.busy_timeout_ms = config.sqlite_busy_timeout_ms;
    // parse_config refused anything else.
    settings.synchronous = storage::parse_sqlite_synchronous(config.sqlite_synchronous)
                               .value_or(storage::SqliteSynchronous::Full);
    return settings;
}

std::unique_ptr<storage::Store> open_store(const std::string& uri, int pool_size,
                                           const SqliteSettings& sqlite) {
    constexpr std::string_view kSqlite = "sqlite:";
    if (uri.starts_with(kSqlite)) {
        std::filesystem::path path = uri.substr(kSqlite.size());
        if (path.empty())
            throw std::runtime_error("sqlite: needs a file path, e.g. sqlite:data/coursedist.db");
        if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
        storage::SqliteOptions options;
        options.pool_size = pool_size;
        if (sqlite.busy_timeout_ms) options.busy_timeout_ms = *sqlite.busy_timeout_ms;
        options.synchronous = sqlite.synchronous;
        return storage::open_sqlite_store(path.string(), options);
    }
    if (uri.starts_with("postgresql://") || uri.starts_with("postgres://")) {
        return storage::open_postgres_store(uri, pool_size);
    }
    throw std::runtime_error("unsupported database URI '" + uri +
                             "': use sqlite:<path> or postgresql://…");
}

}  // namespace coursedist::app
