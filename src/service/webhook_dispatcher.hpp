#pragma once
// Delivers the outbox to the webhooks (spec/webhooks.md, "Delivery"), on background loops
// (background/loop.hpp). A round claims one webhook with an attempt due (in the database, so that
// with several instances one attempt is made by one instance only), then walks its events in
// commit order: queued redeliveries first, then the event after its position. A failed attempt is
// tried again on the domain's schedule (webhook_schedule.hpp) and holds the later events behind
// it; each attempt is logged, and the position only moves in the transaction that logs the
// attempt (delivered ones in groups), so a crash at any point loses no delivery (the attempts
// since the last commit are made again).

#include "background/loop.hpp"
#include "service/distribution_service.hpp"
#include "service/metrics.hpp"
#include "service/webhook_sender.hpp"
#include "storage/store.hpp"

#include <atomic>
#include <chrono>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace coursedist::service {

struct WebhookDispatcherOptions {
    double retry_scale = 1;  // multiplies the retry schedule (tests: small)
    int workers = 2;         // loops claiming webhooks in parallel (one slow target holds one)
    // Other instances' events and due retries are found after this long without a wake().
    std::chrono::milliseconds poll_interval{1000};
    // A claim lasts this long and is renewed with each attempt; longer than one attempt can take
    // (the sender's 10 s timeout). A claim of a killed instance is taken over once it runs out.
    std::chrono::seconds lease{20};
    int events_per_claim = 100;  // attempts made under one claim before it is released
    // Delivered attempts are logged, and the position moved past them, in one commit per group of
    // this many or this old (a sync per attempt bounded delivery at ~200/s): at least once, a
    // crash repeats at most one group. Anything else (a failure, the claim's end) commits at once
    // with the group before it.
    int deliveries_per_commit = 50;
    std::chrono::milliseconds max_commit_delay{1000};
    double log_retention_seconds = 30 * 86400;
    std::string user_agent = "coursedist-webhooks";
};

class WebhookDispatcher {
  public:
    WebhookDispatcher(storage::Store& store, Metrics& metrics, WebhookSender& sender,
                      WebhookDispatcherOptions options, Clock clock = system_clock_now);
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;
    ~WebhookDispatcher();

    void start();
    void stop();  // lets the attempts in flight finish; idempotent
    // New events were committed: deliver them now rather than at the next poll. Does nothing
    // while no webhook is active (as of the last poll), so that commits cost nothing then.
    void wake();
    // A webhook was created or changed, or a redelivery queued; any thread.
    void subscriptions_changed();

    // One claim's work; false when no webhook was due. For the loops, tests and benchmarks.
    // `retry_in` is set to the wait of a retry scheduled in this round, if any.
    bool dispatch_once(std::chrono::milliseconds* retry_in = nullptr);
    // Deletes the delivery log older than its retention; returns how many rows.
    std::int64_t prune_log();

  private:
    struct Claim;
    background::Next round(bool prunes);
    bool redeliver_next(Claim& claim);
    bool attempt_next(Claim& claim, std::chrono::milliseconds* retry_in);
    storage::DeliveryAttempt send(const domain::Webhook& webhook, const storage::OutboxEvent& event,
                                  int attempt);
    bool save(Claim& claim, const storage::DeliveryAttempt* attempt, bool keep_claim,
              bool deactivate = false);
    bool hold_delivered(Claim& claim, storage::DeliveryAttempt attempt);

    void remember_retry(double at);
    std::chrono::milliseconds until_next_retry();

    storage::Store& store_;
    Metrics& metrics_;
    WebhookSender& sender_;
    WebhookDispatcherOptions options_;
    Clock clock_;
    std::chrono::steady_clock::time_point next_prune_{};  // first worker's thread only
    std::mutex retry_mutex_;
    double soonest_retry_ = std::numeric_limits<double>::infinity();  // guarded by retry_mutex_
    std::atomic<bool> any_active_{true};  // some webhook was active at the last poll
    std::vector<std::unique_ptr<background::Loop>> loops_;
};

}  // namespace coursedist::service
