#pragma once
// The current row of a statement as a ColumnReader (distribution_columns.hpp), for the readers
// the backends share.

#include "storage/distribution_columns.hpp"
#include "storage/sqlite/sqlite_db.hpp"

#include <optional>
#include <string>
#include <vector>

namespace coursedist::storage::sqlite {

// The current row of a statement, for the column table (distribution_columns.hpp).
class StmtRow final : public ColumnReader {
  public:
    explicit StmtRow(const Stmt& s) : s_(s) {}
    bool is_null(int column) const override { return s_.is_null(column); }
    std::string text(int column) const override { return s_.text(column); }
    double real(int column) const override { return s_.real(column); }
    std::int64_t integer(int column) const override { return s_.integer(column); }

  private:
    const Stmt& s_;
};

// A statement of `text` with `params` bound in order.
inline Stmt bound(Connection& c, const std::string& text, const std::vector<SqlValue>& params) {
    auto s = c.prepare(text);
    int index = 0;
    for (const auto& p : params) s.bind(++index, p);
    return s;
}

// Every row of `s`, read by `read`.
template <typename Read>
auto all_rows(Stmt& s, Read read) {
    std::vector<decltype(read(StmtRow(s)))> out;
    while (s.step()) out.push_back(read(StmtRow(s)));
    return out;
}

// The first row of `s`, read by `read`.
template <typename Read>
auto first_row(Stmt& s, Read read) -> std::optional<decltype(read(StmtRow(s)))> {
    if (!s.step()) return std::nullopt;
    return read(StmtRow(s));
}

}  // namespace coursedist::storage::sqlite
