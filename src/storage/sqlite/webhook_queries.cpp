#include "storage/sqlite/webhook_queries.hpp"

#include "storage/sqlite/sqlite_db.hpp"
#include "storage/sqlite/statements.hpp"
#include "storage/sqlite/stmt_row.hpp"
#include "storage/webhook_sql.hpp"

#include <limits>

namespace coursedist::storage::sqlite {

namespace {

const WebhookSql& sql() {
    static const WebhookSql statements = build_webhook_sql(placeholder, SqlDialect::Sqlite);
    return statements;
}

std::int64_t run_counting(Connection& c, Stmt s) {
    s.run();
    return c.changes();
}

}  // namespace

void insert_webhook(Connection& c, const domain::Webhook& webhook) {
    bound(c, sql().insert, webhook_insert_params(webhook)).run();
}

std::optional<domain::Webhook> find_webhook(Connection& c, std::string_view webhook_id) {
    auto s = bound(c, sql().find, {std::string(webhook_id)});
    return first_row(s, read_webhook);
}

std::vector<domain::Webhook> list_webhooks(Connection& c) {
    auto s = c.prepare(sql().list);
    return all_rows(s, read_webhook);
}

bool update_webhook(Connection& c, const domain::Webhook& webhook) {
    return run_counting(c, bound(c, sql().update, webhook_update_params(webhook))) == 1;
}

bool remove_webhook(Connection& c, std::string_view webhook_id) {
    return run_counting(c, bound(c, sql().remove, {std::string(webhook_id)})) == 1;
}

bool webhook_due(Connection& c, double now) {
    return bound(c, sql().due, {now, now}).step();
}

std::optional<ClaimedWebhook> claim_due_webhook(Connection& c, double now, double lease_until,
                                                std::string_view token) {
    auto s = bound(c, sql().claim, {lease_until, std::string(token), now, now});
    return first_row(s, [](const ColumnReader& r) {
        return ClaimedWebhook{read_webhook(r), read_webhook_progress(r)};
    });
}

bool save_webhook_progress(Connection& c, std::string_view webhook_id, std::string_view token,
                           const WebhookProgress& progress, std::optional<double> lease_until,
                           bool deactivate) {
    const auto params = progress_params(progress, lease_until, deactivate, webhook_id, token);
    return run_counting(c, bound(c, sql().save_progress, params)) == 1;
}

std::int64_t append_delivery(Connection& c, const DeliveryAttempt& attempt) {
    bound(c, sql().append_delivery, delivery_params(attempt)).run();
    return c.last_insert_rowid();
}

std::vector<DeliveryAttempt> deliveries_of(Connection& c, std::string_view webhook_id,
                                           std::optional<std::int64_t> before_id, int limit) {
    auto s =
        bound(c, sql().deliveries_of,
              {std::string(webhook_id),
               before_id.value_or(std::numeric_limits<std::int64_t>::max()), std::int64_t{limit}});
    return all_rows(s, read_delivery);
}

std::optional<DeliveryAttempt> find_delivery(Connection& c, std::string_view webhook_id,
                                             std::int64_t delivery_id) {
    auto s = bound(c, sql().find_delivery, {std::string(webhook_id), delivery_id});
    return first_row(s, read_delivery);
}

std::int64_t prune_deliveries(Connection& c, double attempted_before) {
    return run_counting(c, bound(c, sql().prune_deliveries, {attempted_before}));
}

std::optional<OutboxEvent> find_outbox(Connection& c, std::int64_t seq) {
    auto s = bound(c, sql().find_outbox, {seq});
    return first_row(s, read_outbox_event);
}

void queue_redelivery(Connection& c, std::string_view webhook_id, const QueuedRedelivery& event) {
    bound(
        c, sql().queue_redelivery,
        {std::string(webhook_id), event.seq, event.event_id, event.event_type, event.envelope_json})
        .run();
}

std::optional<QueuedRedelivery> next_redelivery(Connection& c, std::string_view webhook_id) {
    auto s = bound(c, sql().next_redelivery, {std::string(webhook_id)});
    return first_row(s, read_redelivery);
}

void remove_redelivery(Connection& c, std::int64_t redelivery_id) {
    bound(c, sql().remove_redelivery, {redelivery_id}).run();
}

std::optional<double> oldest_undelivered(Connection& c) {
    auto s = c.prepare(sql().oldest_undelivered);
    s.step();
    return s.optional_real(0);
}

std::int64_t prune_published(Connection& c, double published_before) {
    return run_counting(c, bound(c, sql().prune_published, {published_before}));
}

std::int64_t prune_event_log(Connection& c, double created_before, int limit) {
    return run_counting(c, bound(c, sql().prune_event_log, {std::int64_t{limit}, created_before}));
}

}  // namespace coursedist::storage::sqlite
