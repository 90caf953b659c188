#include "storage/postgres/webhook_queries.hpp"

#include "storage/postgres/params.hpp"
#include "storage/postgres/result_row.hpp"
#include "storage/postgres/statements.hpp"
#include "storage/webhook_sql.hpp"

#include <limits>

namespace coursedist::storage::postgres {

namespace {

const WebhookSql& sql() {
    static const WebhookSql statements = build_webhook_sql(placeholder, SqlDialect::Postgres);
    return statements;
}

}  // namespace

void insert_webhook(pqxx::work& w, const domain::Webhook& webhook) {
    run(w, sql().insert, webhook_insert_params(webhook));
}

std::optional<domain::Webhook> find_webhook(pqxx::work& w, std::string_view webhook_id) {
    return first_row(run(w, sql().find, {std::string(webhook_id)}), read_webhook);
}

std::vector<domain::Webhook> list_webhooks(pqxx::work& w) {
    return all_rows(w.exec(sql().list), read_webhook);
}

bool update_webhook(pqxx::work& w, const domain::Webhook& webhook) {
    return run(w, sql().update, webhook_update_params(webhook)).affected_rows() == 1;
}

bool remove_webhook(pqxx::work& w, std::string_view webhook_id) {
    return run(w, sql().remove, {std::string(webhook_id)}).affected_rows() == 1;
}

bool webhook_due(pqxx::work& w, double now) {
    return !run(w, sql().due, {now, now}).empty();
}

std::optional<ClaimedWebhook> claim_due_webhook(pqxx::work& w, double now, double lease_until,
                                                std::string_view token) {
    return first_row(run(w, sql().claim, {lease_until, std::string(token), now, now}),
                     [](const ColumnReader& r) {
                         return ClaimedWebhook{read_webhook(r), read_webhook_progress(r)};
                     });
}

bool save_webhook_progress(pqxx::work& w, std::string_view webhook_id, std::string_view token,
                           const WebhookProgress& progress, std::optional<double> lease_until,
                           bool deactivate) {
    const auto params = progress_params(progress, lease_until, deactivate, webhook_id, token);
    return run(w, sql().save_progress, params).affected_rows() == 1;
}

std::int64_t append_delivery(pqxx::work& w, const DeliveryAttempt& attempt) {
    return run(w, sql().append_delivery, delivery_params(attempt))[0][0].as<std::int64_t>();
}

std::vector<DeliveryAttempt> deliveries_of(pqxx::work& w, std::string_view webhook_id,
                                           std::optional<std::int64_t> before_id, int limit) {
    return all_rows(
        run(w, sql().deliveries_of,
            {std::string(webhook_id), before_id.value_or(std::numeric_limits<std::int64_t>::max()),
             std::int64_t{limit}}),
        read_delivery);
}

std::optional<DeliveryAttempt> find_delivery(pqxx::work& w, std::string_view webhook_id,
                                             std::int64_t delivery_id) {
    return first_row(run(w, sql().find_delivery, {std::string(webhook_id), delivery_id}),
                     read_delivery);
}

std::int64_t prune_deliveries(pqxx::work& w, double attempted_before) {
    return run(w, sql().prune_deliveries, {attempted_before}).affected_rows();
}

std::optional<OutboxEvent> find_outbox(pqxx::work& w, std::int64_t seq) {
    return first_row(run(w, sql().find_outbox, {seq}), read_outbox_event);
}

void queue_redelivery(pqxx::work& w, std::string_view webhook_id, const QueuedRedelivery& event) {
    run(w, sql().queue_redelivery,
        {std::string(webhook_id), event.seq, event.event_id, event.event_type,
         event.envelope_json});
}

std::optional<QueuedRedelivery> next_redelivery(pqxx::work& w, std::string_view webhook_id) {
    return first_row(run(w, sql().next_redelivery, {std::string(webhook_id)}), read_redelivery);
}

void remove_redelivery(pqxx::work& w, std::int64_t redelivery_id) {
    run(w, sql().remove_redelivery, {redelivery_id});
}

std::optional<double> oldest_undelivered(pqxx::work& w) {
    return optional_double(w.exec(sql().oldest_undelivered)[0][0]);
}

std::int64_t prune_published(pqxx::work& w, double published_before) {
    return run(w, sql().prune_published, {published_before}).affected_rows();
}

std::int64_t prune_event_log(pqxx::work& w, double created_before, int limit) {
    return run(w, sql().prune_event_log, {std::int64_t{limit}, created_before}).affected_rows();
}

}  // namespace coursedist::storage::postgres
