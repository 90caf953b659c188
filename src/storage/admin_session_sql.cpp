#include "storage/admin_session_sql.hpp"

namespace coursedist::storage {

AdminSessionSql build_admin_session_sql(Placeholder p) {
    using T = SqlType;
    AdminSessionSql sql;
    sql.insert =
        "INSERT INTO admin_sessions (session_hash, token_fingerprint, created_at, last_seen_at) "
        "VALUES (" +
        p(1, T::Text) + ", " + p(2, T::Text) + ", " + p(3, T::Real) + ", " + p(4, T::Real) + ")";
    sql.find =
        "SELECT session_hash, token_fingerprint, created_at, last_seen_at FROM admin_sessions "
        "WHERE session_hash = " +
        p(1, T::Text);
    sql.touch = "UPDATE admin_sessions SET last_seen_at = " + p(1, T::Real) +
                " WHERE session_hash = " + p(2, T::Text);
    sql.remove = "DELETE FROM admin_sessions WHERE session_hash = " + p(1, T::Text);
    sql.prune = "DELETE FROM admin_sessions WHERE last_seen_at < " + p(1, T::Real) +
                " OR created_at < " + p(2, T::Real);
    return sql;
}

std::vector<SqlValue> admin_session_params(const domain::AdminSession& s) {
    return {s.session_hash, s.token_fingerprint, s.created_at, s.last_seen_at};
}

domain::AdminSession read_admin_session(const ColumnReader& r) {
    return {r.text(0), r.text(1), r.real(2), r.real(3)};
}

}  // namespace coursedist::storage
