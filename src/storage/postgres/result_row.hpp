#pragma once
// A result row as a ColumnReader (distribution_columns.hpp), for the readers the backends share.

#include "storage/distribution_columns.hpp"
#include "storage/postgres/params.hpp"

#include <pqxx/pqxx>

namespace coursedist::storage::postgres {

// A result row, for the column table (distribution_columns.hpp).
class ResultRow final : public ColumnReader {
  public:
    explicit ResultRow(const pqxx::row& r) : r_(r) {}
    bool is_null(int column) const override { return r_[column].is_null(); }
    std::string text(int column) const override {
        return std::string(r_[column].c_str(), r_[column].size());
    }
    double real(int column) const override { return parse_double(r_[column]); }
    std::int64_t integer(int column) const override { return r_[column].as<std::int64_t>(); }

  private:
    const pqxx::row& r_;
};

}  // namespace coursedist::storage::postgres
