#pragma once
// Applying consumed events (SPEC section 4, "Consumed", "Idempotency", "Errors") exactly once:
// the dedup row (processed_events), the effect and the effect's outbox events commit in one
// transaction. The Redis consumer and POST /api/events both come through here; only the dedup
// key differs (stream message id, or the event id over HTTP).

#include "domain/model.hpp"
#include "service/distribution_service.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace coursedist::service {

inline constexpr std::string_view kConsumerSubscriber = "distribution_consumer";

// Where a message came from: (subscriber, stream_message_id) is the dedup key.
struct IngestKey {
    std::string stream_name;
    std::string stream_message_id;
    // Keep a dedup row for a permanently failing message, so its redelivery is a no-op (the
    // stream consumer). A synchronous caller that sees the error at once (HTTP) may instead
    // correct the event and send it again under the same id.
    bool remember_rejections = true;
};

enum class IngestStatus {
    Applied,           // committed with its dedup row (possibly without effect, e.g. a course
                       // that already has its distribution)
    AlreadyProcessed,  // the dedup row existed: nothing done
    Ignored,           // a type this service does not consume: nothing recorded
    PermanentError,    // the message can never succeed (dedup row kept when remembered)
};

struct IngestOutcome {
    IngestStatus status = IngestStatus::Ignored;
    std::string event_type;
    std::vector<std::string> created;  // distribution ids
    std::vector<std::string> updated;  // distribution ids
    std::string reason;                // for PermanentError
    domain::FieldErrors errors;        // for PermanentError
};

class EventIngest {
  public:
    explicit EventIngest(DistributionService& service);

    // `envelope`: a decoded envelope (payload as an object). Throws storage::StorageUnavailable
    // when the database cannot be used now (the caller retries later).
    IngestOutcome apply(const boost::json::object& envelope, const IngestKey& key);
    // A message whose envelope could not even be decoded: recorded as a permanent error.
    // event_id / event_type as far as they could be read (may be empty).
    IngestOutcome reject(const IngestKey& key, const std::string& event_id,
                         const std::string& event_type, const domain::FieldErrors& errors);

  private:
    struct Incoming;
    IngestOutcome generation_completed(const Incoming& event);
    IngestOutcome deployed_staging(const Incoming& event);
    IngestOutcome reject(const Incoming& event, std::string reason, domain::FieldErrors errors);
    // Records the dedup row, then runs effect(tx, changes, outcome) in the same transaction;
    // AlreadyProcessed (and no effect) when the row already exists.
    template <typename Effect>
    IngestOutcome record_and_apply(const Incoming& event, Effect&& effect);

    DistributionService& service_;
};

}  // namespace coursedist::service
