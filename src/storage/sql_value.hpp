#pragma once
// A backend-neutral SQL value: what the shared descriptions (distribution_columns.hpp,
// list_sql.hpp) hand to a backend as a statement parameter. Each backend binds it in one place
// (sqlite/sqlite_db.hpp, postgres/params.hpp).

#include <cstdint>
#include <string>
#include <variant>

namespace coursedist::storage {

// NULL, INTEGER, REAL or TEXT.
using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string>;

// What a column or parameter holds. JSON is stored as text (SQLite TEXT, PostgreSQL JSONB).
enum class SqlType { Text, Json, Real, Integer };

// The backend's spelling of the index-th (1-based) statement parameter of a type: SQLite `?`,
// PostgreSQL `$3::jsonb`.
using Placeholder = std::string (*)(int index, SqlType type);

}  // namespace coursedist::storage
