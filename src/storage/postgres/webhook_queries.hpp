#pragma once
// The webhook queries of Transaction (store.hpp, "Webhooks") and the outbox pruning that respects
// them, in one PostgreSQL transaction. Sent unprepared (exec_params), like the statistics: each
// connection prepares its statements when it opens, before migrations may have created the
// webhook tables. The SQL is shared with SQLite (webhook_sql.hpp).

#include "storage/store.hpp"

#include <pqxx/pqxx>

#include <optional>
#include <string_view>
#include <vector>

namespace coursedist::storage::postgres {

void insert_webhook(pqxx::work& c, const domain::Webhook& webhook);
std::optional<domain::Webhook> find_webhook(pqxx::work& c, std::string_view webhook_id);
std::vector<domain::Webhook> list_webhooks(pqxx::work& c);
bool update_webhook(pqxx::work& c, const domain::Webhook& webhook);
bool remove_webhook(pqxx::work& c, std::string_view webhook_id);
bool webhook_due(pqxx::work& c, double now);
std::optional<ClaimedWebhook> claim_due_webhook(pqxx::work& c, double now, double lease_until,
                                                std::string_view token);
bool save_webhook_progress(pqxx::work& c, std::string_view webhook_id, std::string_view token,
                           const WebhookProgress& progress, std::optional<double> lease_until,
                           bool deactivate);
std::int64_t append_delivery(pqxx::work& c, const DeliveryAttempt& attempt);
std::vector<DeliveryAttempt> deliveries_of(pqxx::work& c, std::string_view webhook_id,
                                           std::optional<std::int64_t> before_id, int limit);
std::optional<DeliveryAttempt> find_delivery(pqxx::work& c, std::string_view webhook_id,
                                             std::int64_t delivery_id);
std::int64_t prune_deliveries(pqxx::work& c, double attempted_before);
std::optional<OutboxEvent> find_outbox(pqxx::work& c, std::int64_t seq);
void queue_redelivery(pqxx::work& c, std::string_view webhook_id, const QueuedRedelivery& event);
std::optional<QueuedRedelivery> next_redelivery(pqxx::work& c, std::string_view webhook_id);
void remove_redelivery(pqxx::work& c, std::int64_t redelivery_id);
std::optional<double> oldest_undelivered(pqxx::work& c);
std::int64_t prune_published(pqxx::work& c, double published_before);
std::int64_t prune_event_log(pqxx::work& c, double created_before, int limit);

}  // namespace coursedist::storage::postgres
