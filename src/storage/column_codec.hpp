#pragma once
// Column values shared by the SQL backends: JSON columns, the case-folded search text and the
// LIKE pattern that searches it, so SQLite and PostgreSQL store and match exactly alike.

#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace coursedist::storage {

std::string json_text(const boost::json::value& value);
// Throws std::runtime_error naming the column when the stored text is not JSON.
boost::json::value parse_json_column(std::string_view text, std::string_view column);
// Throws std::runtime_error when the stored visibility is none of the known ones.
domain::Visibility parse_visibility_column(std::string_view text);

// What catalog text search matches: domain::fold_case(title + "\n" + description).
std::string search_text_of(const domain::Distribution& d);
// `%text%` with LIKE's wildcards and the escape character escaped (use with ESCAPE '\').
std::string like_contains_pattern(std::string_view text);

}  // namespace coursedist::storage
