#pragma once
// The admin console's session statements of Transaction (store.hpp, "Admin console sessions"),
// shared by the SQL backends, each spelling its placeholders. Parameters are listed beside each
// statement in the order they are bound.

#include "domain/admin_session.hpp"
#include "storage/distribution_columns.hpp"
#include "storage/sql_value.hpp"

#include <string>
#include <vector>

namespace coursedist::storage {

struct AdminSessionSql {
    std::string insert;  // session_hash, token_fingerprint, created_at, last_seen_at
    std::string find;    // session_hash → the same columns
    std::string touch;   // last_seen_at, session_hash
    std::string remove;  // session_hash
    std::string prune;   // idle_before, created_before
};

AdminSessionSql build_admin_session_sql(Placeholder placeholder);

std::vector<SqlValue> admin_session_params(const domain::AdminSession& session);
domain::AdminSession read_admin_session(const ColumnReader& row);

}  // namespace coursedist::storage
