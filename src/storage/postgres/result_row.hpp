#pragma once
// A result row as a ColumnReader (distribution_columns.hpp), for the readers the backends share.

#include "storage/distribution_columns.hpp"
#include "storage/postgres/params.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

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

// `text` run with `values` as its parameters.
inline pqxx::result run(pqxx::work& w, const std::string& text,
                        const std::vector<SqlValue>& values) {
    Params params;
    for (const auto& v : values) params.add(v);
    return w.exec_params(text, params.dynamic());
}

// Every row of `result`, read by `read`.
template <typename Read>
auto all_rows(const pqxx::result& result, Read read) {
    std::vector<decltype(read(ResultRow(result[0])))> out;
    out.reserve(result.size());
    for (const auto& row : result) out.push_back(read(ResultRow(row)));
    return out;
}

// The first row of `result`, read by `read`.
template <typename Read>
auto first_row(const pqxx::result& result, Read read)
    -> std::optional<decltype(read(ResultRow(result[0])))> {
    if (result.empty()) return std::nullopt;
    const auto row = result[0];
    return read(ResultRow(row));
}

}  // namespace coursedist::storage::postgres
