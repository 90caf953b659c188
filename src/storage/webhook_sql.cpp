#include "storage/webhook_sql.hpp"

#include <boost/json.hpp>

#include <limits>

namespace coursedist::storage {

namespace json = boost::json;

namespace {

constexpr const char* kWebhookColumns =
    "webhook_id, url, events, description, active, secret, previous_secret, "
    "previous_secret_until, created_at, updated_at, outbox_position, attempts, first_attempt_at, "
    "next_attempt_at, failures_in_row";
constexpr const char* kDeliveryColumns =
    "delivery_id, webhook_id, seq, event_id, event_type, attempt, status, response_status, error, "
    "duration_ms, attempted_at, next_attempt_at, response_excerpt";
// seq at or before this is done for every active webhook.
constexpr const char* kWebhookFloor =
    "(SELECT COALESCE(MIN(outbox_position), 9223372036854775807) FROM webhooks WHERE active = 1)";

SqlValue optional_text(const std::optional<std::string>& v) {
    return v ? SqlValue(*v) : SqlValue();
}
SqlValue optional_real(const std::optional<double>& v) {
    return v ? SqlValue(*v) : SqlValue();
}
std::optional<std::string> optional_text_at(const ColumnReader& r, int column) {
    if (r.is_null(column)) return std::nullopt;
    return r.text(column);
}
std::optional<double> optional_real_at(const ColumnReader& r, int column) {
    if (r.is_null(column)) return std::nullopt;
    return r.real(column);
}

std::string events_json(const std::vector<std::string>& events) {
    json::array a;
    for (const auto& e : events) a.emplace_back(e);
    return json::serialize(a);
}

}  // namespace

WebhookSql build_webhook_sql(Placeholder placeholder, SqlDialect dialect) {
    using T = SqlType;
    const auto p = placeholder;
    const auto list = [&](std::initializer_list<T> types, int first = 1) {
        std::string out;
        int index = first;
        for (auto type : types) out += (out.empty() ? "" : ", ") + p(index++, type);
        return out;
    };
    const std::string select = std::string("SELECT ") + kWebhookColumns + " FROM webhooks";
    // A webhook with an attempt due at `now` (twice the same parameter, from `first`).
    const auto due_at = [&](int first) {
        return "w.active = 1 AND (w.claimed_until IS NULL OR w.claimed_until < " +
               p(first, T::Real) +
               ") AND (EXISTS (SELECT 1 FROM webhook_redeliveries r WHERE r.webhook_id = "
               "w.webhook_id) OR ((w.next_attempt_at IS NULL OR w.next_attempt_at <= " +
               p(first + 1, T::Real) +
               ") AND EXISTS (SELECT 1 FROM outbox o WHERE o.seq > w.outbox_position)))";
    };

    WebhookSql sql;
    sql.insert =
        "INSERT INTO webhooks (webhook_id, url, events, description, active, secret, "
        "previous_secret, previous_secret_until, created_at, updated_at, outbox_position) VALUES "
        "(" +
        list({T::Text, T::Text, T::Text, T::Text, T::Integer, T::Text, T::Text, T::Real, T::Real,
              T::Real}) +
        ", (SELECT COALESCE(MAX(seq), 0) FROM outbox))";
    sql.find = select + " WHERE webhook_id = " + p(1, T::Text);
    sql.list = select + " ORDER BY created_at, webhook_id";
    sql.update = "UPDATE webhooks SET url = " + p(1, T::Text) + ", events = " + p(2, T::Text) +
                 ", description = " + p(3, T::Text) +
                 ", failures_in_row = CASE WHEN active = 0 AND " + p(4, T::Integer) +
                 " = 1 THEN 0 ELSE failures_in_row END, active = " + p(5, T::Integer) +
                 ", secret = " + p(6, T::Text) + ", previous_secret = " + p(7, T::Text) +
                 ", previous_secret_until = " + p(8, T::Real) + ", updated_at = " + p(9, T::Real) +
                 " WHERE webhook_id = " + p(10, T::Text);
    sql.remove = "DELETE FROM webhooks WHERE webhook_id = " + p(1, T::Text);
    sql.due = "SELECT 1 FROM webhooks w WHERE " + due_at(1) + " LIMIT 1";
    const std::string pick = "SELECT w.webhook_id FROM webhooks w WHERE " + due_at(3) +
                             " ORDER BY COALESCE(w.next_attempt_at, 0), w.webhook_id LIMIT 1" +
                             (dialect == SqlDialect::Postgres ? " FOR UPDATE SKIP LOCKED" : "");
    sql.claim = "UPDATE webhooks SET claimed_until = " + p(1, T::Real) +
                ", claim_token = " + p(2, T::Text) + " WHERE webhook_id = (" + pick +
                ") RETURNING " + kWebhookColumns;
    sql.save_progress =
        "UPDATE webhooks SET outbox_position = " + p(1, T::Integer) +
        ", attempts = " + p(2, T::Integer) + ", first_attempt_at = " + p(3, T::Real) +
        ", next_attempt_at = " + p(4, T::Real) + ", failures_in_row = " + p(5, T::Integer) +
        ", claimed_until = " + p(6, T::Real) + ", claim_token = CASE WHEN " + p(7, T::Real) +
        " IS NULL THEN NULL ELSE claim_token END, active = CASE WHEN " + p(8, T::Integer) +
        " = 1 THEN 0 ELSE active END WHERE webhook_id = " + p(9, T::Text) +
        " AND claim_token = " + p(10, T::Text);
    sql.append_delivery =
        "INSERT INTO webhook_deliveries (webhook_id, seq, event_id, event_type, attempt, status, "
        "response_status, error, duration_ms, attempted_at, next_attempt_at, response_excerpt) "
        "VALUES (" +
        list({T::Text, T::Integer, T::Text, T::Text, T::Integer, T::Text, T::Integer, T::Text,
              T::Integer, T::Real, T::Real, T::Text}) +
        ")" + (dialect == SqlDialect::Postgres ? " RETURNING delivery_id" : "");
    const std::string deliveries = std::string("SELECT ") + kDeliveryColumns +
                                   " FROM webhook_deliveries WHERE webhook_id = " + p(1, T::Text);
    sql.deliveries_of = deliveries + " AND delivery_id < " + p(2, T::Integer) +
                        " ORDER BY delivery_id DESC LIMIT " + p(3, T::Integer);
    sql.find_delivery = deliveries + " AND delivery_id = " + p(2, T::Integer);
    sql.prune_deliveries = "DELETE FROM webhook_deliveries WHERE attempted_at < " + p(1, T::Real);
    sql.find_outbox =
        "SELECT seq, event_id, event_type, envelope, created_at FROM outbox WHERE seq = " +
        p(1, T::Integer);
    sql.queue_redelivery =
        "INSERT INTO webhook_redeliveries (webhook_id, seq, event_id, event_type, envelope) "
        "VALUES (" +
        list({T::Text, T::Integer, T::Text, T::Text, T::Text}) + ")";
    sql.next_redelivery =
        "SELECT redelivery_id, seq, event_id, event_type, envelope FROM webhook_redeliveries "
        "WHERE webhook_id = " +
        p(1, T::Text) + " ORDER BY redelivery_id LIMIT 1";
    sql.remove_redelivery =
        "DELETE FROM webhook_redeliveries WHERE redelivery_id = " + p(1, T::Integer);
    sql.oldest_undelivered =
        "SELECT MIN(o.created_at) FROM webhooks w JOIN outbox o ON o.seq = (SELECT MIN(seq) FROM "
        "outbox WHERE seq > w.outbox_position) WHERE w.active = 1";
    sql.prune_published = "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < " +
                          p(1, T::Real) + " AND seq <= " + kWebhookFloor;
    // Looks at the oldest `limit` rows only (primary key order), however long the log is.
    sql.prune_event_log =
        "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox ORDER BY seq LIMIT " +
        p(1, T::Integer) + ") AND created_at < " + p(2, T::Real) + " AND seq <= " + kWebhookFloor;
    return sql;
}

domain::Webhook read_webhook(const ColumnReader& r) {
    domain::Webhook w;
    w.webhook_id = r.text(0);
    w.url = r.text(1);
    const auto events = json::parse(r.text(2));  // outlives the loop over its elements
    for (const auto& e : events.as_array()) w.events.emplace_back(e.as_string());
    w.description = optional_text_at(r, 3);
    w.active = r.integer(4) != 0;
    w.secret = r.text(5);
    w.previous_secret = optional_text_at(r, 6);
    w.previous_secret_until = optional_real_at(r, 7);
    w.created_at = r.real(8);
    w.updated_at = r.real(9);
    return w;
}

WebhookProgress read_webhook_progress(const ColumnReader& r) {
    WebhookProgress p;
    p.position = r.integer(10);
    p.attempts = static_cast<int>(r.integer(11));
    p.first_attempt_at = optional_real_at(r, 12);
    p.next_attempt_at = optional_real_at(r, 13);
    p.failures_in_row = static_cast<int>(r.integer(14));
    return p;
}

DeliveryAttempt read_delivery(const ColumnReader& r) {
    DeliveryAttempt a;
    a.delivery_id = r.integer(0);
    a.webhook_id = r.text(1);
    a.seq = r.integer(2);
    a.event_id = r.text(3);
    a.event_type = r.text(4);
    a.attempt = static_cast<int>(r.integer(5));
    a.status = r.text(6);
    if (!r.is_null(7)) a.response_status = r.integer(7);
    a.error = optional_text_at(r, 8);
    a.duration_ms = r.integer(9);
    a.attempted_at = r.real(10);
    a.next_attempt_at = optional_real_at(r, 11);
    a.response_excerpt = r.text(12);
    return a;
}

QueuedRedelivery read_redelivery(const ColumnReader& r) {
    return {r.integer(0), r.integer(1), r.text(2), r.text(3), r.text(4)};
}

OutboxEvent read_outbox_event(const ColumnReader& r) {
    return {r.integer(0), r.text(1), r.text(2), r.text(3), r.real(4)};
}

std::vector<SqlValue> webhook_insert_params(const domain::Webhook& w) {
    return {w.webhook_id,
            w.url,
            events_json(w.events),
            optional_text(w.description),
            std::int64_t{w.active ? 1 : 0},
            w.secret,
            optional_text(w.previous_secret),
            optional_real(w.previous_secret_until),
            w.created_at,
            w.updated_at};
}

std::vector<SqlValue> webhook_update_params(const domain::Webhook& w) {
    const std::int64_t active = w.active ? 1 : 0;
    return {w.url,
            events_json(w.events),
            optional_text(w.description),
            active,
            active,
            w.secret,
            optional_text(w.previous_secret),
            optional_real(w.previous_secret_until),
            w.updated_at,
            w.webhook_id};
}

std::vector<SqlValue> delivery_params(const DeliveryAttempt& a) {
    return {a.webhook_id,
            a.seq,
            a.event_id,
            a.event_type,
            std::int64_t{a.attempt},
            a.status,
            a.response_status ? SqlValue(*a.response_status) : SqlValue(),
            optional_text(a.error),
            a.duration_ms,
            a.attempted_at,
            optional_real(a.next_attempt_at),
            a.response_excerpt};
}

std::vector<SqlValue> progress_params(const WebhookProgress& p, std::optional<double> lease_until,
                                      bool deactivate, std::string_view webhook_id,
                                      std::string_view token) {
    return {p.position,
            std::int64_t{p.attempts},
            optional_real(p.first_attempt_at),
            optional_real(p.next_attempt_at),
            std::int64_t{p.failures_in_row},
            optional_real(lease_until),
            optional_real(lease_until),
            std::int64_t{deactivate ? 1 : 0},
            std::string(webhook_id),
            std::string(token)};
}

}  // namespace coursedist::storage
