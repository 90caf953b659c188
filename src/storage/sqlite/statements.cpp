#include "storage/sqlite/statements.hpp"

#include "storage/distribution_columns.hpp"

namespace coursedist::storage::sqlite {

std::string placeholder(int /*index*/, SqlType /*type*/) {
    return "?";
}

namespace {

std::string select_where(std::string_view condition) {
    return distribution_select() + " WHERE " + std::string(condition);
}

}  // namespace

const std::string kFindById = select_where("distribution_id = ?");
const std::string kFindBySlug = select_where("slug = ?");
const std::string kFindOriginal = select_where(
    "course_id = ? AND derived_from IS NULL ORDER BY created_at, distribution_id LIMIT 1");
const std::string kFindByCourse =
    select_where("course_id = ? ORDER BY created_at, distribution_id");
const std::string kVariantsOf =
    select_where("derived_from = ? ORDER BY created_at, distribution_id");
const std::string kInsertDistribution = distribution_insert(placeholder);
const std::string kUpdateDistribution = distribution_update(placeholder);

}  // namespace coursedist::storage::sqlite
