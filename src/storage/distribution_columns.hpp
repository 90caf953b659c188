#pragma once
// The stored form of a Distribution, described once for both SQL backends: the columns of table
// `distributions` with how each is written as a parameter and read back. The SELECT column list
// and the INSERT and UPDATE statements are built from it; a backend only spells placeholders,
// binds SqlValues and reads columns through a ColumnReader. A new model field is one line in
// distribution_columns.cpp (and a migration per backend).

#include "domain/model.hpp"
#include "storage/sql_value.hpp"

#include <span>
#include <string>
#include <string_view>

namespace coursedist::storage {

// Which statements write a column.
enum class Written {
    Key,       // distribution_id: inserted, and the WHERE of the update
    OnInsert,  // created_at and the counters: afterwards only increments change a counter
    Always,    // inserted and updated
};

// A row as a backend reads it: the index-th (0-based) column in the type asked for. Virtual so the
// column table's readers are plain functions; each column is read once, straight into its field.
class ColumnReader {
  public:
    virtual bool is_null(int column) const = 0;
    virtual std::string text(int column) const = 0;  // also JSON, as its text
    virtual double real(int column) const = 0;
    virtual std::int64_t integer(int column) const = 0;

  protected:
    ~ColumnReader() = default;
};

struct DistributionColumn {
    std::string_view name;
    SqlType type;
    bool nullable;
    Written written;
    SqlValue (*value)(const domain::Distribution&);
    // Stores column `index` of the row; nullptr for a column that is written only (search_text).
    // NOT NULL is the schema's to keep: only nullable columns are checked for NULL.
    void (*read)(domain::Distribution&, const ColumnReader& row, int index);
};

// Readable columns first, in the order of distribution_select()'s result columns.
std::span<const DistributionColumn> distribution_columns();

// "SELECT <readable columns> FROM distributions"; append a WHERE clause.
const std::string& distribution_select();
std::string distribution_insert(Placeholder placeholder);
// "UPDATE distributions SET … WHERE distribution_id = <last parameter>".
std::string distribution_update(Placeholder placeholder);

// Calls bind(SqlValue) for each parameter of distribution_insert(), in order.
template <typename Bind>
void insert_parameters(const domain::Distribution& d, Bind&& bind) {
    for (const auto& column : distribution_columns()) bind(column.value(d));
}

// Calls bind(SqlValue) for each parameter of distribution_update(), in order.
template <typename Bind>
void update_parameters(const domain::Distribution& d, Bind&& bind) {
    for (const auto& column : distribution_columns()) {
        if (column.written == Written::Always) bind(column.value(d));
    }
    for (const auto& column : distribution_columns()) {
        if (column.written == Written::Key) bind(column.value(d));
    }
}

// A row of distribution_select(). Throws std::runtime_error naming the column for a corrupt JSON
// or enum value.
domain::Distribution read_distribution(const ColumnReader& row);

}  // namespace coursedist::storage
