#include "service/admin_sessions.hpp"

namespace coursedist::service {

AdminSessions::AdminSessions(storage::Store& store, Clock clock, domain::SessionLimits limits)
    : store_(store), clock_(std::move(clock)), limits_(limits) {}

std::string AdminSessions::start(const std::string& token_fingerprint) {
    auto value = domain::new_session_value();
    const double now = clock_();
    auto tx = store_.begin_write();
    tx->prune_admin_sessions(now - limits_.idle_seconds, now - limits_.max_seconds);
    tx->insert_admin_session({domain::sha256_hex(value), token_fingerprint, now, now});
    tx->commit();
    return value;
}

std::optional<domain::AdminSession> AdminSessions::resume(
    std::string_view value, const std::function<bool(std::string_view)>& token_valid) {
    if (value.empty()) return std::nullopt;
    const auto hash = domain::sha256_hex(value);
    const double now = clock_();
    auto tx = store_.begin_write();
    auto session = tx->find_admin_session(hash);
    if (!session) return std::nullopt;
    if (domain::session_expired(*session, now, limits_) ||
        !token_valid(session->token_fingerprint)) {
        tx->remove_admin_session(hash);
        tx->commit();
        return std::nullopt;
    }
    tx->touch_admin_session(hash, now);
    tx->commit();
    session->last_seen_at = now;
    return session;
}

void AdminSessions::end(std::string_view value) {
    if (value.empty()) return;
    auto tx = store_.begin_write();
    tx->remove_admin_session(domain::sha256_hex(value));
    tx->commit();
}

}  // namespace coursedist::service
