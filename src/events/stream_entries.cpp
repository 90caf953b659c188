#include "events/stream_entries.hpp"

namespace coursedist::events {

namespace {

std::string text(const redisReply* r) {
    if (r && (r->type == REDIS_REPLY_STRING || r->type == REDIS_REPLY_STATUS))
        return std::string(r->str, r->len);
    return {};
}

bool is_array(const redisReply* r) {
    return r && r->type == REDIS_REPLY_ARRAY;
}

}  // namespace

std::vector<StreamEntry> entries_of(const redisReply* list) {
    std::vector<StreamEntry> entries;
    if (!is_array(list)) return entries;
    for (std::size_t i = 0; i < list->elements; ++i) {
        const redisReply* entry = list->element[i];
        if (!is_array(entry) || entry->elements < 1) continue;
        StreamEntry out{text(entry->element[0]), std::nullopt};
        if (entry->elements >= 2 && is_array(entry->element[1])) {
            const redisReply* body = entry->element[1];
            domain::StreamFields fields;
            for (std::size_t f = 0; f + 1 < body->elements; f += 2)
                fields.emplace_back(text(body->element[f]), text(body->element[f + 1]));
            out.fields = std::move(fields);
        }
        entries.push_back(std::move(out));
    }
    return entries;
}

std::vector<StreamEntry> read_group_entries(const redisReply* reply) {
    if (!is_array(reply) || reply->elements == 0) return {};
    const redisReply* stream = reply->element[0];
    if (!is_array(stream) || stream->elements < 2) return {};
    return entries_of(stream->element[1]);
}

AutoclaimResult autoclaim_result(const redisReply* reply) {
    AutoclaimResult result{"0-0", {}, {}};
    if (!is_array(reply) || reply->elements < 2) return result;
    result.next_cursor = text(reply->element[0]);
    result.entries = entries_of(reply->element[1]);
    if (reply->elements >= 3 && is_array(reply->element[2]))
        for (std::size_t i = 0; i < reply->element[2]->elements; ++i)
            result.deleted.push_back(text(reply->element[2]->element[i]));
    return result;
}

std::optional<std::int64_t> delivery_count(const redisReply* reply) {
    if (!is_array(reply) || reply->elements == 0) return std::nullopt;
    const redisReply* entry = reply->element[0];
    if (!is_array(entry) || entry->elements < 4 || entry->element[3]->type != REDIS_REPLY_INTEGER)
        return std::nullopt;
    return entry->element[3]->integer;
}

std::int64_t pending_total(const redisReply* reply) {
    if (!is_array(reply) || reply->elements == 0 || reply->element[0]->type != REDIS_REPLY_INTEGER)
        return 0;
    return reply->element[0]->integer;
}

std::string error_text(const redisReply* reply) {
    if (!reply || reply->type != REDIS_REPLY_ERROR) return {};
    return std::string(reply->str, reply->len);
}

}  // namespace coursedist::events
