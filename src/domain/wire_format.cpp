#include "domain/wire_format.hpp"

#include "domain/events.hpp"
#include "domain/timestamp.hpp"

#include <boost/json.hpp>

#include <array>

namespace coursedist::domain {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 5> kRequiredKeys{"id", "type", "source", "payload",
                                                        "timestamp"};
constexpr std::array<std::string_view, 6> kOptionalStringKeys{
    "mission_id", "task_id", "correlation_id", "tenant_id", "actor_id", "severity"};

std::string field_value(const json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    return json::serialize(value);
}

// `payload` and `meta` arrive as JSON strings (BRAiN's publisher) or, from lenient writers, as
// the object itself; anything else is not an object.
std::optional<json::object> decode_object(std::string_view text) {
    boost::system::error_code error;
    auto value = json::parse(text, error);
    if (error || !value.is_object()) return std::nullopt;
    return std::move(value.get_object());
}

bool is_one_of(std::string_view key, auto const& keys) {
    for (auto k : keys)
        if (k == key) return true;
    return false;
}

}  // namespace

StreamFields to_stream_fields(const json::object& envelope) {
    StreamFields fields;
    fields.reserve(envelope.size());
    for (const auto& [key, value] : envelope) {
        if (key == "target" && value.is_null()) {
            // BRAiN's Event dataclass has no default for `target`: a broadcast must carry it.
            fields.emplace_back("target", "");
            continue;
        }
        if (value.is_null()) continue;
        fields.emplace_back(std::string(key), field_value(value));
    }
    if (!envelope.contains("target")) fields.emplace_back("target", "");
    return fields;
}

DecodedEnvelope from_stream_fields(const StreamFields& fields) {
    DecodedEnvelope decoded;
    auto& envelope = decoded.envelope;
    auto& errors = decoded.errors;
    for (const auto& [key, value] : fields) {
        if (key == "payload" || key == "meta") {
            auto object = decode_object(value);
            if (object)
                envelope[key] = std::move(*object);
            else
                errors.push_back({key, "must be a JSON object"});
        } else if (key == "target") {
            envelope["target"] = value.empty() ? json::value(nullptr) : json::value(value);
        } else if (key == "timestamp") {
            // Naive timestamps (Python's isoformat()) are UTC; stored normalized with `Z`.
            auto seconds = domain::parse_iso8601(value);
            if (seconds)
                envelope["timestamp"] = domain::iso8601_utc(*seconds);
            else
                errors.push_back({"timestamp", "must be an ISO-8601 timestamp"});
        } else if (is_one_of(key, kRequiredKeys) || is_one_of(key, kOptionalStringKeys)) {
            envelope[key] = value;
        }
        // Other keys are not part of the envelope: ignored, as BRAiN would refuse to write them.
    }
    if (!envelope.contains("target")) envelope["target"] = nullptr;
    for (auto key : kRequiredKeys) {
        bool reported = false;
        for (const auto& e : errors) reported = reported || e.field == key;
        if (!envelope.contains(key) && !reported) errors.push_back({std::string(key), "required"});
    }
    for (auto key : {"id", "type", "source"})
        if (auto* v = envelope.if_contains(key); v && v->is_string() && v->get_string().empty())
            errors.push_back({key, "must not be empty"});
    return decoded;
}

}  // namespace coursedist::domain
