#pragma once
// The BRAiN EventStream wire format on Redis (SPEC section 4): one stream field per envelope key;
// null keys left out except `target` (empty string for a broadcast); objects and arrays as JSON
// strings; strings as they are.

#include "domain/model.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <utility>
#include <vector>

namespace coursedist::domain {

using StreamFields = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kEventStream = "brain:events:stream";
inline constexpr std::string_view kDeadLetterStream = "brain:events:dlq";

// From the envelope JSON this service stores in its outbox.
StreamFields to_stream_fields(const boost::json::object& envelope);

// An envelope read from the stream, as JSON (payload and meta as objects, `target` null when
// absent or empty, timestamps without offset taken as UTC). Fails with field errors when a
// required key (id, type, source, payload, timestamp) is missing or unparseable.
struct DecodedEnvelope {
    boost::json::object envelope;
    domain::FieldErrors errors;
    bool ok() const { return errors.empty(); }
};
DecodedEnvelope from_stream_fields(const StreamFields& fields);

}  // namespace coursedist::domain
