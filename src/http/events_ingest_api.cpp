// POST /api/events (admin): a consumed event delivered over HTTP instead of the Redis stream
// (SPEC section 4, "Without Redis"). Same envelope, same handlers, deduplicated by the event id.

#include "domain/wire_format.hpp"
#include "http/api.hpp"
#include "http/request_support.hpp"
#include "service/event_ingest.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;
using service::IngestStatus;

namespace {

// The stream_name of dedup rows written for events that came over HTTP.
constexpr std::string_view kHttpStream = "http";

json::array ids(const std::vector<std::string>& list) {
    return json::array(list.begin(), list.end());
}

std::string_view status_word(IngestStatus status) {
    switch (status) {
        case IngestStatus::Applied:
            return "applied";
        case IngestStatus::AlreadyProcessed:
            return "already_processed";
        case IngestStatus::Ignored:
            return "ignored";
        case IngestStatus::PermanentError:
            return "rejected";
    }
    return "unknown";
}

Response ingest_event(service::EventIngest& ingest, const Request& req) {
    const json::value body = json_body(req);
    if (!body.is_object())
        throw HttpError(422, "the request body must be an event envelope (a JSON object)");
    // Through the wire format, so payload and meta may be objects or JSON strings, and timestamps
    // are read exactly as they are from the stream.
    auto decoded = domain::from_stream_fields(domain::to_stream_fields(body.get_object()));
    if (!decoded.ok()) throw HttpError(422, "the event envelope is invalid", decoded.errors);
    const std::string event_id(decoded.envelope.at("id").as_string());

    auto outcome = ingest.apply(decoded.envelope,
                                service::IngestKey{std::string(kHttpStream), event_id, false});
    if (outcome.status == IngestStatus::PermanentError)
        throw HttpError(422, outcome.reason, outcome.errors);
    return json_ok(json::object{{"status", status_word(outcome.status)},
                                {"event_id", event_id},
                                {"type", outcome.event_type},
                                {"created", ids(outcome.created)},
                                {"updated", ids(outcome.updated)}},
                   outcome.status == IngestStatus::Applied ? 201 : 200);
}

}  // namespace

void bind_event_ingest_routes(RouteHandlers& routes, service::EventIngest& ingest) {
    routes.bind("ingestEvent", [&ingest](const Request& req, const PathParams&) {
        return ingest_event(ingest, req);
    });
}

}  // namespace coursedist::http
