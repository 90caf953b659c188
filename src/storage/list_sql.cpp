#include "storage/list_sql.hpp"

#include "storage/column_codec.hpp"
#include "storage/distribution_columns.hpp"

#include <algorithm>
#include <type_traits>
#include <utility>

namespace coursedist::storage {

namespace {

// Collects parameters and answers each one's placeholder.
class Parameters {
  public:
    Parameters(const SqlDialect& dialect, std::vector<SqlValue>& values)
        : dialect_(dialect), values_(values) {}

    template <typename Value>
    std::string add(Value&& value, SqlType type) {
        values_.emplace_back(std::in_place_type<std::decay_t<Value>>, std::forward<Value>(value));
        return dialect_.placeholder(static_cast<int>(values_.size()), type);
    }

  private:
    const SqlDialect& dialect_;
    std::vector<SqlValue>& values_;
};

}  // namespace

ListSql build_list_sql(const ListQuery& query, const SqlDialect& dialect) {
    ListSql out;
    Parameters params(dialect, out.params);
    const std::string sort_column = query.catalog ? "published_at" : "created_at";
    std::string& sql = out.sql;
    sql = distribution_select();
    sql += " WHERE ";
    sql += query.catalog ? "visibility = 'public' AND published_at IS NOT NULL" : "TRUE";
    if (query.visibility) {
        sql += " AND visibility = " +
               params.add(std::string(domain::to_string(*query.visibility)), SqlType::Text);
    }
    if (query.language) {
        sql += " AND language = " + params.add(*query.language, SqlType::Text);
    }
    if (query.target_group) {
        sql +=
            " AND " + dialect.target_group_contains(params.add(*query.target_group, SqlType::Text));
    }
    if (query.text) {
        sql += " AND search_text LIKE " +
               params.add(like_contains_pattern(*query.text), SqlType::Text) + " ESCAPE '\\'";
    }
    if (query.after) {
        const std::string key = params.add(query.after->sort_key, SqlType::Real);
        const std::string id = params.add(query.after->distribution_id, SqlType::Text);
        sql += " AND (" + sort_column + ", distribution_id) < (" + key + ", " + id + ")";
    }
    out.page_size = std::max(query.limit, 1);
    sql += " ORDER BY " + sort_column + " DESC, distribution_id DESC LIMIT " +
           params.add(static_cast<std::int64_t>(out.page_size) + 1, SqlType::Integer);
    return out;
}

bool page_is_full(ListPage& page, const ListQuery& query, const ListSql& list_sql) {
    if (static_cast<int>(page.items.size()) < list_sql.page_size) return false;
    const auto& last = page.items.back();
    page.next = ListCursor{query.catalog ? last.published_at.value_or(0) : last.created_at,
                           last.distribution_id};
    return true;
}

}  // namespace coursedist::storage
