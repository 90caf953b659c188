#pragma once
// The webhook statements of Transaction (store.hpp, "Webhooks"), shared by the SQL backends, each
// spelling its placeholders; and the reading of their rows. Parameters are listed beside each
// statement in the order they are bound.

#include "storage/distribution_columns.hpp"
#include "storage/sql_value.hpp"
#include "storage/store.hpp"

#include <string>

namespace coursedist::storage {

enum class SqlDialect { Sqlite, Postgres };

struct WebhookSql {
    // webhook_id, url, events, description, active, secret, previous_secret,
    // previous_secret_until, created_at, updated_at
    std::string insert;
    std::string find;  // webhook_id → webhook columns, then progress columns
    std::string list;  // → the same, oldest first
    // url, events, description, active, active, secret, previous_secret, previous_secret_until,
    // updated_at, webhook_id
    std::string update;
    std::string remove;  // webhook_id
    std::string due;     // now, now
    // lease_until, token, now, now → the same columns as find (PostgreSQL: SKIP LOCKED)
    std::string claim;
    // position, attempts, first_attempt_at, next_attempt_at, failures_in_row, lease_until,
    // lease_until, deactivate (0/1), webhook_id, token
    std::string save_progress;
    // webhook_id, seq, event_id, event_type, attempt, status, response_status, error,
    // duration_ms, attempted_at, next_attempt_at, response_excerpt (PostgreSQL: RETURNING id)
    std::string append_delivery;
    std::string deliveries_of;     // webhook_id, before_id, limit → delivery columns
    std::string find_delivery;     // webhook_id, delivery_id → delivery columns
    std::string prune_deliveries;  // attempted_before
    std::string find_outbox;       // seq → seq, event_id, event_type, envelope, created_at
    std::string queue_redelivery;  // webhook_id, seq, event_id, event_type, envelope
    std::string next_redelivery;  // webhook_id → redelivery_id, seq, event_id, event_type, envelope
    std::string remove_redelivery;   // redelivery_id
    std::string oldest_undelivered;  // → created_at or NULL
    // The outbox's pruning, keeping what an active webhook still needs.
    std::string prune_published;  // published_before
    std::string prune_event_log;  // limit, created_before
};

WebhookSql build_webhook_sql(Placeholder placeholder, SqlDialect dialect);

domain::Webhook read_webhook(const ColumnReader& row);
// The progress columns after the webhook's.
WebhookProgress read_webhook_progress(const ColumnReader& row);
DeliveryAttempt read_delivery(const ColumnReader& row);
QueuedRedelivery read_redelivery(const ColumnReader& row);
OutboxEvent read_outbox_event(const ColumnReader& row);

// The parameters of `insert` and `update`, and of `append_delivery`.
std::vector<SqlValue> webhook_insert_params(const domain::Webhook& w);
std::vector<SqlValue> webhook_update_params(const domain::Webhook& w);
std::vector<SqlValue> delivery_params(const DeliveryAttempt& a);
std::vector<SqlValue> progress_params(const WebhookProgress& p, std::optional<double> lease_until,
                                      bool deactivate, std::string_view webhook_id,
                                      std::string_view token);

}  // namespace coursedist::storage
