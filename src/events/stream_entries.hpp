#pragma once
// Stream entries out of Redis replies (XREADGROUP, XAUTOCLAIM, XPENDING), so the consumer's loop
// reads as the protocol and not as reply walking.

#include "domain/wire_format.hpp"
#include "events/redis_connection.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::events {

struct StreamEntry {
    std::string id;
    // nullopt: the entry is still pending but its body was trimmed away (MAXLEN, XDEL).
    std::optional<domain::StreamFields> fields;
};

// `[[id, [field, value, …] | nil], …]`
std::vector<StreamEntry> entries_of(const redisReply* list);
// XREADGROUP: `[[stream, entries]]`, or nil when BLOCK timed out.
std::vector<StreamEntry> read_group_entries(const redisReply* reply);

struct AutoclaimResult {
    std::string next_cursor;           // "0-0" once the whole pending list was scanned
    std::vector<StreamEntry> entries;  // now owned by the claiming consumer
    std::vector<std::string> deleted;  // Redis 7: pending ids whose body is gone (PEL cleared)
};
AutoclaimResult autoclaim_result(const redisReply* reply);

// XPENDING key group <id> <id> 1: the entry's delivery count, nullopt when it is not pending.
std::optional<std::int64_t> delivery_count(const redisReply* reply);
// XPENDING key group (summary form): the number of pending entries.
std::int64_t pending_total(const redisReply* reply);

// An error reply's text (empty when the reply is not an error).
std::string error_text(const redisReply* reply);

}  // namespace coursedist::events
