#include "service/event_ingest.hpp"

#include "domain/consumed_events.hpp"
#include "domain/event.hpp"
#include "domain/events.hpp"
#include "domain/slug.hpp"
#include "domain/timestamp.hpp"
#include "domain/validation.hpp"
#include "service/ids.hpp"
#include "service/slugs.hpp"
#include "service/write_scope.hpp"

#include <boost/json.hpp>

namespace coursedist::service {

namespace json = boost::json;
using domain::Distribution;
using domain::FieldErrors;

// What the handlers need from an envelope, read once.
struct EventIngest::Incoming {
    explicit Incoming(const IngestKey& k) : key(k) {}
    const IngestKey& key;
    std::string event_id;
    std::string type;
    std::optional<std::string> tenant_id;
    std::optional<std::string> correlation_id;
    std::optional<double> timestamp;
    const json::object* payload = nullptr;  // null when the envelope has no payload object
};

namespace {

constexpr const char* kConsumed = "coursedist_events_consumed_total";
constexpr const char* kDuplicates = "coursedist_events_duplicates_total";
constexpr const char* kRejected = "coursedist_events_rejected_total";

// A generated slug can lose a race with another instance's insert (PostgreSQL); the next
// attempt picks the next free suffix.
constexpr int kSlugAttempts = 5;

std::optional<std::string> string_member(const json::object& o, std::string_view key) {
    if (const auto* v = o.if_contains(key); v && v->is_string() && !v->get_string().empty())
        return std::string(v->get_string());
    return std::nullopt;
}

json::value errors_json(const FieldErrors& errors) {
    json::array out;
    for (const auto& e : errors)
        out.push_back(json::object{{"field", e.field}, {"message", e.message}});
    return out;
}

}  // namespace

EventIngest::EventIngest(DistributionService& service) : service_(service) {
    auto& metrics = service_.metrics();
    metrics.describe(kConsumed, "Consumed events applied or ignored (other types), by type.");
    metrics.describe(kDuplicates, "Consumed events skipped because their dedup row existed.");
    metrics.describe(kRejected, "Consumed events refused as permanently invalid, by type.");
}

IngestOutcome EventIngest::apply(const json::object& envelope, const IngestKey& key) {
    Incoming event(key);
    event.event_id = string_member(envelope, "id").value_or("");
    event.type = string_member(envelope, "type").value_or("");
    event.tenant_id = string_member(envelope, "tenant_id");
    event.correlation_id = string_member(envelope, "correlation_id");
    if (!event.correlation_id)
        if (const auto* meta = envelope.if_contains("meta"); meta && meta->is_object())
            event.correlation_id = string_member(meta->get_object(), "correlation_id");
    if (auto timestamp = string_member(envelope, "timestamp"))
        event.timestamp = domain::parse_iso8601(*timestamp);
    if (const auto* payload = envelope.if_contains("payload"); payload && payload->is_object())
        event.payload = &payload->get_object();

    namespace type = domain::event_type;
    const bool consumed = event.type == type::kCourseGenerationCompleted ||
                          event.type == type::kCourseDeployedStaging;
    if (!consumed) {
        if (event.type.empty())
            return reject(event, "the envelope has no type", {{"type", "field required"}});
        service_.metrics().increment(kConsumed, "type", event.type);
        IngestOutcome ignored;
        ignored.event_type = event.type;
        return ignored;
    }
    if (!event.payload)
        return reject(event, "the envelope has no payload object",
                      {{"payload", "must be an object"}});
    return event.type == type::kCourseGenerationCompleted ? generation_completed(event)
                                                          : deployed_staging(event);
}

IngestOutcome EventIngest::reject(const IngestKey& key, const std::string& event_id,
                                  const std::string& event_type, const FieldErrors& errors) {
    Incoming event(key);
    event.event_id = event_id;
    event.type = event_type;
    return reject(event, "the envelope cannot be decoded", errors);
}

IngestOutcome EventIngest::reject(const Incoming& event, std::string reason, FieldErrors errors) {
    IngestOutcome outcome;
    outcome.status = IngestStatus::PermanentError;
    outcome.event_type = event.type;
    if (event.key.remember_rejections) {
        json::object metadata{{"error", reason}, {"errors", errors_json(errors)}};
        const bool recorded =
            service_.write(RequestContext{}, [&](storage::Transaction& tx, auto& changes) {
                return tx.record_processed(storage::ProcessedEvent{
                    std::string(kConsumerSubscriber), event.key.stream_name,
                    event.key.stream_message_id, event.event_id, event.type, changes.now(),
                    event.tenant_id, json::serialize(metadata)});
            });
        if (!recorded) {
            service_.metrics().increment(kDuplicates);
            outcome.status = IngestStatus::AlreadyProcessed;
            return outcome;
        }
    }
    service_.metrics().increment(kRejected, "type", event.type.empty() ? "unknown" : event.type);
    outcome.reason = std::move(reason);
    outcome.errors = std::move(errors);
    return outcome;
}

template <typename Effect>
IngestOutcome EventIngest::record_and_apply(const Incoming& event, Effect&& effect) {
    // The events this one causes carry its correlation id, so a trace spans both services.
    RequestContext ctx{
        event.correlation_id ? event.correlation_id : std::optional<std::string>(event.event_id),
        std::string(kConsumerSubscriber)};
    auto outcome = service_.write(ctx, [&](storage::Transaction& tx, auto& changes) {
        IngestOutcome result;
        result.event_type = event.type;
        const bool first_time = tx.record_processed(storage::ProcessedEvent{
            std::string(kConsumerSubscriber), event.key.stream_name, event.key.stream_message_id,
            event.event_id, event.type, changes.now(), event.tenant_id, "{}"});
        if (!first_time) {
            result.status = IngestStatus::AlreadyProcessed;
            return result;  // nothing written: committing is the same as rolling back
        }
        effect(tx, changes, result);
        result.status = IngestStatus::Applied;
        return result;
    });
    if (outcome.status == IngestStatus::AlreadyProcessed)
        service_.metrics().increment(kDuplicates);
    else
        service_.metrics().increment(kConsumed, "type", event.type);
    return outcome;
}

IngestOutcome EventIngest::generation_completed(const Incoming& event) {
    auto decoded = domain::decode_generation_completed(*event.payload);
    if (!decoded.ok())
        return reject(event, "the course.generation.completed payload is invalid", decoded.errors);
    Distribution d = domain::distribution_from(decoded.value);
    d.slug = domain::slugify(d.title, random_hex(6));
    if (auto errors = domain::validate(d); !errors.empty())
        return reject(event, "the payload cannot form a valid distribution",
                      domain::as_payload_errors(errors));

    for (int attempt = 1;; ++attempt) {
        try {
            return record_and_apply(
                event, [&](storage::Transaction& tx, auto& changes, IngestOutcome& outcome) {
                    // One distribution per course: a redelivered or repeated event creates nothing.
                    if (tx.find_original(d.course_id)) return;
                    Distribution created = d;
                    created.distribution_id = new_distribution_id();
                    created.slug = free_slug(tx, d.slug);
                    created.created_at = created.updated_at = changes.now();
                    tx.insert(created);
                    changes.emit(domain::event_type::kCreated, domain::created_payload(created));
                    outcome.created.push_back(created.distribution_id);
                });
        } catch (const storage::SlugTaken&) {
            if (attempt == kSlugAttempts) throw;
        }
    }
}

IngestOutcome EventIngest::deployed_staging(const Incoming& event) {
    auto decoded = domain::decode_staging_deployed(*event.payload);
    if (!decoded.ok())
        return reject(event, "the course.deployed.staging payload is invalid", decoded.errors);
    const auto& staging = decoded.value;
    // Without deployed_at the deployment is as old as the event announcing it.
    const std::string deployed_at =
        domain::iso8601_utc(staging.deployed_at.value_or(event.timestamp.value_or(service_.now())));

    return record_and_apply(
        event, [&](storage::Transaction& tx, auto& changes, IngestOutcome& outcome) {
            for (const Distribution& before : tx.find_by_course(staging.course_id)) {
                Distribution after = before;
                after.staging_url = staging.staging_url;
                after.staging_deployed_at = deployed_at;
                after.updated_at = changes.now();
                auto payload = domain::updated_payload(before, after);
                if (!payload) continue;  // a repeated deployment changes nothing
                tx.update(after);
                changes.emit(domain::event_type::kUpdated, std::move(*payload));
                outcome.updated.push_back(after.distribution_id);
            }
        });
}

}  // namespace coursedist::service
