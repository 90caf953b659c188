#pragma once
// The webhook queries of Transaction (store.hpp, "Webhooks") and the outbox pruning that respects
// them, on one SQLite connection inside the transaction that holds it. The SQL is shared with
// PostgreSQL (webhook_sql.hpp).

#include "storage/store.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace coursedist::storage::sqlite {

class Connection;

void insert_webhook(Connection& c, const domain::Webhook& webhook);
std::optional<domain::Webhook> find_webhook(Connection& c, std::string_view webhook_id);
std::vector<domain::Webhook> list_webhooks(Connection& c);
bool update_webhook(Connection& c, const domain::Webhook& webhook);
bool remove_webhook(Connection& c, std::string_view webhook_id);
bool webhook_due(Connection& c, double now);
std::optional<ClaimedWebhook> claim_due_webhook(Connection& c, double now, double lease_until,
                                                std::string_view token);
bool save_webhook_progress(Connection& c, std::string_view webhook_id, std::string_view token,
                           const WebhookProgress& progress, std::optional<double> lease_until,
                           bool deactivate);
std::int64_t append_delivery(Connection& c, const DeliveryAttempt& attempt);
std::vector<DeliveryAttempt> deliveries_of(Connection& c, std::string_view webhook_id,
                                           std::optional<std::int64_t> before_id, int limit);
std::optional<DeliveryAttempt> find_delivery(Connection& c, std::string_view webhook_id,
                                             std::int64_t delivery_id);
std::int64_t prune_deliveries(Connection& c, double attempted_before);
std::optional<OutboxEvent> find_outbox(Connection& c, std::int64_t seq);
void queue_redelivery(Connection& c, std::string_view webhook_id, const QueuedRedelivery& event);
std::optional<QueuedRedelivery> next_redelivery(Connection& c, std::string_view webhook_id);
void remove_redelivery(Connection& c, std::int64_t redelivery_id);
std::optional<double> oldest_undelivered(Connection& c);
std::int64_t prune_published(Connection& c, double published_before);
std::int64_t prune_event_log(Connection& c, double created_before, int limit);

}  // namespace coursedist::storage::sqlite
