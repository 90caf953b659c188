#include "service/webhook_dispatcher.hpp"

#include "domain/unicode.hpp"
#include "domain/webhook_schedule.hpp"
#include "domain/webhook_signature.hpp"
#include "service/ids.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <iterator>
#include <limits>
#include <utility>

namespace coursedist::service {

namespace {

constexpr std::string_view kDeliveriesTotal = "coursedist_webhook_deliveries_total";
constexpr std::size_t kExcerptBytes = 1024;
constexpr auto kPruneInterval = std::chrono::minutes(10);

std::chrono::milliseconds millis(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

// The outcome's name in the metrics: a pending attempt is one that is tried again.
// Both branches must be views: `cond ? "retried" : status` would make a temporary std::string
// and hand back a view of it.
std::string_view outcome_label(std::string_view status) {
    if (status == "pending") return "retried";
    return status;
}

}  // namespace

struct WebhookDispatcher::Claim {
    domain::Webhook webhook;
    storage::WebhookProgress progress;
    std::string token;
    // Events after the position read but not yet handled, and whether more may follow them.
    std::deque<storage::OutboxEvent> ahead;
    bool more_after_ahead = true;
    // Delivered attempts not yet committed (the progress already counts them), and since when.
    std::vector<storage::DeliveryAttempt> unsaved;
    double unsaved_since = 0;
};

WebhookDispatcher::WebhookDispatcher(storage::Store& store, Metrics& metrics, WebhookSender& sender,
                                     WebhookDispatcherOptions options, Clock clock)
    : store_(store),
      metrics_(metrics),
      sender_(sender),
      options_(std::move(options)),
      clock_(std::move(clock)) {
    metrics_.describe(std::string(kDeliveriesTotal),
                      "Webhook delivery attempts by webhook and outcome (delivered; retried: "
                      "failed and tried again; failed: given up).");
    metrics_.add_gauge("coursedist_webhook_oldest_undelivered_seconds",
                       "Age of the oldest outbox event an active webhook has not yet had.", [this] {
                           const auto oldest = store_.begin_read()->oldest_undelivered();
                           return oldest ? std::max(0.0, clock_() - *oldest) : 0.0;
                       });
    for (int i = 0; i < std::max(1, options_.workers); ++i)
        loops_.push_back(std::make_unique<background::Loop>(
            "webhook dispatcher", [this, prunes = i == 0] { return round(prunes); }));
}

WebhookDispatcher::~WebhookDispatcher() {
    stop();
}

void WebhookDispatcher::start() {
    for (auto& loop : loops_) loop->start();
}

void WebhookDispatcher::stop() {
    for (auto& loop : loops_) loop->stop();
}

void WebhookDispatcher::wake() {
    if (!any_active_.load(std::memory_order_relaxed)) return;
    for (auto& loop : loops_) loop->wake();
}

void WebhookDispatcher::subscriptions_changed() {
    any_active_ = true;
    for (auto& loop : loops_) loop->wake();
}

std::int64_t WebhookDispatcher::prune_log() {
    auto tx = store_.begin_write();
    const auto pruned = tx->prune_deliveries(clock_() - options_.log_retention_seconds);
    tx->commit();
    return pruned;
}

background::Next WebhookDispatcher::round(bool prunes) {
    if (prunes && std::chrono::steady_clock::now() >= next_prune_) {
        next_prune_ = std::chrono::steady_clock::now() + kPruneInterval;
        if (auto pruned = prune_log(); pruned > 0)
            spdlog::info("webhooks: pruned {} delivery log rows older than 30 days", pruned);
    }
    std::chrono::milliseconds retry_in{0};
    if (dispatch_once(&retry_in)) {
        if (retry_in.count() > 0)
            remember_retry(clock_() + static_cast<double>(retry_in.count()) / 1000);
        return background::Next::again();
    }
    // Idle: whether commits should wake the loops (another instance's new webhook is found here,
    // within a poll).
    const auto webhooks = store_.begin_read()->list_webhooks();
    any_active_ = std::any_of(webhooks.begin(), webhooks.end(),
                              [](const domain::Webhook& w) { return w.active; });
    return background::Next::after(std::min(options_.poll_interval, until_next_retry()));
}

void WebhookDispatcher::remember_retry(double at) {
    std::lock_guard lock(retry_mutex_);
    soonest_retry_ = std::min(soonest_retry_, at);
}

// How long until the soonest retry this instance scheduled (so that a short wait, in tests, is
// not stretched to the poll interval); forgotten once due.
std::chrono::milliseconds WebhookDispatcher::until_next_retry() {
    std::lock_guard lock(retry_mutex_);
    const double wait = soonest_retry_ - clock_();
    if (wait > 0) return millis(std::min(wait, 3600.0));
    soonest_retry_ = std::numeric_limits<double>::infinity();
    return options_.poll_interval;
}

bool WebhookDispatcher::dispatch_once(std::chrono::milliseconds* retry_in) {
    const double now = clock_();
    if (!store_.begin_read()->webhook_due(now)) return false;
    Claim claim;
    claim.token = random_hex(16);
    {
        auto tx = store_.begin_write();
        auto claimed = tx->claim_due_webhook(now, now + static_cast<double>(options_.lease.count()),
                                             claim.token);
        tx->commit();
        if (!claimed) return false;  // another worker or instance was faster
        claim.webhook = std::move(claimed->webhook);
        claim.progress = claimed->progress;
    }
    // Redeliveries queued by hand first (those queued meanwhile wait for the next claim).
    int budget = options_.events_per_claim;
    while (budget > 0 && redeliver_next(claim)) --budget;
    for (; budget > 0; --budget)
        if (!attempt_next(claim, retry_in)) return true;
    save(claim, nullptr, false);  // releases it: other webhooks get their turn
    return true;
}

// The oldest queued redelivery, sent once; false when none is queued (or the claim was lost).
bool WebhookDispatcher::redeliver_next(Claim& claim) {
    auto queued = store_.begin_read()->next_redelivery(claim.webhook.webhook_id);
    if (!queued) return false;
    const storage::OutboxEvent event{queued->seq, queued->event_id, queued->event_type,
                                     queued->envelope_json, 0};
    auto attempt = send(claim.webhook, event, 1);
    attempt.status =
        attempt.response_status && *attempt.response_status >= 200 && *attempt.response_status < 300
            ? "delivered"
            : "failed";
    auto tx = store_.begin_write();
    tx->append_delivery(attempt);
    tx->remove_redelivery(queued->redelivery_id);
    if (!tx->save_webhook_progress(claim.webhook.webhook_id, claim.token, claim.progress,
                                   clock_() + static_cast<double>(options_.lease.count()), false))
        return false;
    tx->commit();
    metrics_.increment(kDeliveriesTotal,
                       {{"webhook", claim.webhook.webhook_id}, {"outcome", attempt.status}});
    return true;
}

// One attempt at the event after the position (unsubscribed events are skipped); false when
// the claim ends: nothing left, a retry to wait for, the webhook deactivated or the claim lost.
bool WebhookDispatcher::attempt_next(Claim& claim, std::chrono::milliseconds* retry_in) {
    auto& progress = claim.progress;
    if (progress.next_attempt_at && *progress.next_attempt_at > clock_()) {
        save(claim, nullptr, false);
        return false;
    }
    auto& ahead = claim.ahead;
    if (ahead.empty() && claim.more_after_ahead) {
        auto events =
            store_.begin_read()->outbox_after(progress.position, options_.events_per_claim);
        claim.more_after_ahead = static_cast<int>(events.size()) == options_.events_per_claim;
        ahead.assign(std::make_move_iterator(events.begin()),
                     std::make_move_iterator(events.end()));
    }
    while (!ahead.empty() && !domain::subscribes_to(claim.webhook, ahead.front().event_type)) {
        progress.position = ahead.front().seq;  // not subscribed: done with it
        ahead.pop_front();
    }
    if (ahead.empty()) {
        const bool more = claim.more_after_ahead;
        return save(claim, nullptr, more) && more;
    }
    const auto next = ahead.begin();

    const int number = progress.attempts + 1;
    const double first = progress.first_attempt_at.value_or(clock_());
    auto attempt = send(claim.webhook, *next, number);
    bool keep_claim = true;
    bool deactivate = false;
    if (attempt.response_status && *attempt.response_status >= 200 &&
        *attempt.response_status < 300) {
        attempt.status = "delivered";
        progress = {next->seq, 0, std::nullopt, std::nullopt, 0};
        ahead.pop_front();
        return hold_delivered(claim, std::move(attempt));
    } else {
        const double failed_at = clock_();
        if (auto wait = domain::retry_wait(number, failed_at - first, options_.retry_scale)) {
            attempt.status = "pending";
            attempt.next_attempt_at = failed_at + *wait;
            progress.attempts = number;
            progress.first_attempt_at = first;
            progress.next_attempt_at = attempt.next_attempt_at;
            keep_claim = false;
            if (retry_in) *retry_in = millis(*wait);
        } else {
            attempt.status = "failed";
            const int failures = progress.failures_in_row + 1;
            progress = {next->seq, 0, std::nullopt, std::nullopt, failures};
            ahead.pop_front();
            deactivate = failures >= domain::kWebhookFailuresToDeactivate;
            keep_claim = !deactivate;
            if (deactivate)
                spdlog::warn("webhook {}: {} failed deliveries in a row, set inactive",
                             claim.webhook.webhook_id, failures);
        }
    }
    return save(claim, &attempt, keep_claim, deactivate) && keep_claim;
}

bool WebhookDispatcher::save(Claim& claim, const storage::DeliveryAttempt* attempt, bool keep_claim,
                             bool deactivate) {
    const std::optional<double> lease =
        keep_claim ? std::optional(clock_() + static_cast<double>(options_.lease.count()))
                   : std::nullopt;
    auto unsaved = std::exchange(claim.unsaved, {});
    if (attempt) unsaved.push_back(*attempt);
    auto tx = store_.begin_write();
    for (const auto& logged : unsaved) tx->append_delivery(logged);
    if (!tx->save_webhook_progress(claim.webhook.webhook_id, claim.token, claim.progress, lease,
                                   deactivate)) {
        spdlog::warn("webhook {}: claim lost (deleted, or its lease ran out)",
                     claim.webhook.webhook_id);
        return false;  // rolled back: the attempts are made again by whoever holds it now
    }
    tx->commit();
    for (const auto& logged : unsaved)
        metrics_.increment(kDeliveriesTotal, {{"webhook", claim.webhook.webhook_id},
                                              {"outcome", outcome_label(logged.status)}});
    return true;
}

// A delivered attempt joins the group to commit; the group is committed once full, or once its
// first attempt started longer ago than the delay.
bool WebhookDispatcher::hold_delivered(Claim& claim, storage::DeliveryAttempt attempt) {
    if (claim.unsaved.empty()) claim.unsaved_since = attempt.attempted_at;
    claim.unsaved.push_back(std::move(attempt));
    const double age_ms = (clock_() - claim.unsaved_since) * 1000;
    if (static_cast<int>(claim.unsaved.size()) < options_.deliveries_per_commit &&
        age_ms < static_cast<double>(options_.max_commit_delay.count()))
        return true;
    return save(claim, nullptr, true);
}

storage::DeliveryAttempt WebhookDispatcher::send(const domain::Webhook& webhook,
                                                 const storage::OutboxEvent& event, int number) {
    const double now = clock_();
    const auto timestamp = static_cast<std::int64_t>(now);
    OutgoingWebhook request;
    request.url = webhook.url;
    request.body = event.envelope_json;
    request.headers = {{"Content-Type", "application/json"},
                       {"User-Agent", options_.user_agent},
                       {"webhook-id", event.event_id},
                       {"webhook-timestamp", std::to_string(timestamp)},
                       {"webhook-signature", domain::signature_header(webhook, now, event.event_id,
                                                                      timestamp, request.body)}};
    const auto outcome = sender_.send(request);

    storage::DeliveryAttempt attempt;
    attempt.webhook_id = webhook.webhook_id;
    attempt.seq = event.seq;
    attempt.event_id = event.event_id;
    attempt.event_type = event.event_type;
    attempt.attempt = number;
    attempt.attempted_at = now;
    attempt.duration_ms = outcome.duration.count();
    if (outcome.status) attempt.response_status = *outcome.status;
    if (!outcome.error.empty())
        attempt.error = outcome.error;
    else if (!outcome.delivered())
        attempt.error = "answered " + std::to_string(outcome.status.value_or(0));
    attempt.response_excerpt =
        domain::sanitize_utf8(std::string_view(outcome.excerpt).substr(0, kExcerptBytes));
    return attempt;
}

}  // namespace coursedist::service
