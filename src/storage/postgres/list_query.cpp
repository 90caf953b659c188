#include "storage/postgres/list_query.hpp"

#include "storage/column_codec.hpp"
#include "storage/postgres/statements.hpp"

#include <algorithm>

namespace coursedist::storage::postgres {

namespace {

std::string placeholder(const Params& params) {
    return "$" + std::to_string(params.size());
}

}  // namespace

ListSql build_list_sql(const ListQuery& query, Params& params) {
    const std::string sort_column = query.catalog ? "published_at" : "created_at";
    std::string sql(kSelectDistributions);
    sql += " WHERE ";
    sql += query.catalog ? "visibility = 'public' AND published_at IS NOT NULL" : "TRUE";
    if (query.visibility) {
        params.add(domain::to_string(*query.visibility));
        sql += " AND visibility = " + placeholder(params);
    }
    if (query.language) {
        params.add(*query.language);
        sql += " AND language = " + placeholder(params);
    }
    if (query.target_group) {
        // jsonb `?`: the array has this string as an element (served by the GIN index).
        params.add(*query.target_group);
        sql += " AND target_group ? " + placeholder(params) + "::text";
    }
    if (query.text) {
        params.add(like_contains_pattern(*query.text));
        sql += " AND search_text LIKE " + placeholder(params) + " ESCAPE '\\'";
    }
    if (query.after) {
        params.add(query.after->sort_key);
        const std::string key = placeholder(params);
        params.add(query.after->distribution_id);
        sql += " AND (" + sort_column + ", distribution_id) < (" + key + "::double precision, " +
               placeholder(params) + "::text)";
    }
    const int page_size = std::max(query.limit, 1);
    params.add(static_cast<std::int64_t>(page_size) + 1);
    sql += " ORDER BY " + sort_column + " DESC, distribution_id DESC LIMIT " + placeholder(params) +
           "::bigint";
    return ListSql{std::move(sql), page_size};
}

}  // namespace coursedist::storage::postgres
