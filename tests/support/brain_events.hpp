#pragma once
// course_factory events as BRAiN writes them to brain:events:stream, for black-box tests of the
// consumer.

#include <boost/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace coursedist::testing {

using StreamFields = std::vector<std::pair<std::string, std::string>>;

inline constexpr const char* kBrainStream = "brain:events:stream";
inline constexpr const char* kConsumerGroup = "group_distribution_consumer";
inline constexpr const char* kGeneratedTitle = "Größe & Übermaß für Anfänger";

// A valid course.generation.completed payload (with an extra field the consumer must ignore).
boost::json::object generation_payload(const std::string& course_id,
                                       const std::string& title = kGeneratedTitle);

// As BRAiN's EventStream.publish_event writes it: one field per key, payload and meta as JSON
// strings, target an empty string, a naive isoformat() timestamp; a new event id each call.
StreamFields brain_event(const std::string& type, const boost::json::object& payload);

// A new event id (UUID-shaped, unique within the process).
std::string new_event_id();

}  // namespace coursedist::testing
