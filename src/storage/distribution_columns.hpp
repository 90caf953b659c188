#pragma once
// The stored form of a Distribution, described once for both SQL backends: the columns of table
// `distributions` with how each is written as a parameter and read back. The SELECT column list
// and the INSERT and UPDATE statements are built from it; a backend only spells placeholders and
// binds or reads SqlValues. A new model field is one line in distribution_columns.cpp (and a
// migration per backend).

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

struct DistributionColumn {
    std::string_view name;
    SqlType type;
    bool nullable;
    Written written;
    SqlValue (*value)(const domain::Distribution&);
    // Stores the value read back; nullptr for a column that is written only (search_text).
    void (*read)(domain::Distribution&, SqlValue&&);
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

// Stores one column's value; throws std::runtime_error naming the column for a NULL in a column
// that is not nullable, or a corrupt JSON or enum value.
void read_column(const DistributionColumn& column, domain::Distribution& d, SqlValue&& value);

// A row of distribution_select(): column_value(index, type) returns its index-th (0-based) column,
// NULL as std::monostate.
template <typename ColumnValue>
domain::Distribution read_distribution(ColumnValue&& column_value) {
    domain::Distribution d;
    int index = 0;
    for (const auto& column : distribution_columns()) {
        if (column.read == nullptr) break;
        read_column(column, d, column_value(index++, column.type));
    }
    return d;
}

}  // namespace coursedist::storage
