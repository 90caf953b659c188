#pragma once
// The current row of a statement as a ColumnReader (distribution_columns.hpp), for the readers
// the backends share.

#include "storage/distribution_columns.hpp"
#include "storage/sqlite/sqlite_db.hpp"

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

}  // namespace coursedist::storage::sqlite
