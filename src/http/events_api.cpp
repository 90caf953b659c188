// The outbox as an event log (SPEC section 4, embedded mode): paged JSON and Server-Sent Events,
// both admin only. Available with Redis configured too, where it shows the retained outbox.

#include "http/api.hpp"
#include "http/request_support.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <chrono>
#include <thread>

namespace coursedist::http {

namespace json = boost::json;

namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;
constexpr int kStreamBatch = 100;  // events written per chunk at most
constexpr auto kStreamPoll = std::chrono::milliseconds(200);
constexpr auto kHeartbeatInterval = std::chrono::seconds(15);

// A seq position: a non-negative integer, or the failing field in a 422.
std::int64_t seq_value(std::string_view raw, std::string_view field) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc{} || end != raw.data() + raw.size() || value < 0)
        throw HttpError(422, "invalid event position",
                        {{std::string(field), "must be a non-negative integer (an event seq)"}});
    return value;
}

json::object item_of(const storage::OutboxEvent& row) {
    return json::object{{"seq", row.seq}, {"event", json::parse(row.envelope_json)}};
}

std::string sse_block(const storage::OutboxEvent& row) {
    // The envelope JSON is one line (boost::json::serialize never emits newlines), so one
    // `data:` line carries it.
    return "id: " + std::to_string(row.seq) + "\nevent: " + row.event_type +
           "\ndata: " + row.envelope_json + "\n\n";
}

// Produces the SSE body on the server's streaming worker: new outbox rows as they commit, a
// heartbeat comment when idle so proxies and clients see the connection alive.
class EventStreamBody {
  public:
    EventStreamBody(storage::Store& store, std::int64_t after) : store_(store), after_(after) {}

    std::optional<std::string> next(const std::function<bool()>& stopping) {
        while (!stopping()) {
            auto rows = store_.begin_read()->outbox_after(after_, kStreamBatch);
            if (!rows.empty()) {
                std::string chunk;
                for (const auto& row : rows) chunk += sse_block(row);
                after_ = rows.back().seq;
                last_write_ = std::chrono::steady_clock::now();
                return chunk;
            }
            if (std::chrono::steady_clock::now() - last_write_ >= kHeartbeatInterval) {
                last_write_ = std::chrono::steady_clock::now();
                return std::string(": heartbeat\n\n");
            }
            std::this_thread::sleep_for(kStreamPoll);
        }
        return std::nullopt;
    }

  private:
    storage::Store& store_;
    std::int64_t after_;
    std::chrono::steady_clock::time_point last_write_ = std::chrono::steady_clock::now();
};

Response events_page(storage::Store& store, const Request& req) {
    auto raw_after = req.query_param("after");
    std::int64_t after = raw_after ? seq_value(*raw_after, "after") : 0;
    int limit = int_param(req, "limit", kDefaultPageSize, 1, kMaxPageSize);
    auto rows = store.begin_read()->outbox_after(after, limit);
    json::array items;
    for (const auto& row : rows) items.push_back(item_of(row));
    std::int64_t next_after = rows.empty() ? after : rows.back().seq;
    return json_ok(json::object{{"items", std::move(items)}, {"next_after", next_after}});
}

Response event_stream(storage::Store& store, const Request& req) {
    // Last-Event-ID (a reconnecting EventSource) wins over ?after= (a first connection).
    std::int64_t after = 0;
    if (auto last_id = req.header("last-event-id"); last_id && !last_id->empty())
        after = seq_value(*last_id, "Last-Event-ID");
    else if (auto raw_after = req.query_param("after"))
        after = seq_value(*raw_after, "after");

    auto body = std::make_shared<EventStreamBody>(store, after);
    Response r;
    r.set("Content-Type", "text/event-stream");
    r.set("Cache-Control", "no-store");
    r.set("X-Accel-Buffering", "no");  // nginx would otherwise hold the events back
    r.stream = std::make_shared<StreamingBody>();
    r.stream->next = [body](const std::function<bool()>& stopping) { return body->next(stopping); };
    return r;
}

}  // namespace

void bind_event_routes(RouteHandlers& routes, ApiDependencies& deps) {
    auto& store = deps.service.store();
    routes.bind("listEvents", [&store](const Request& req, const PathParams&) {
        return events_page(store, req);
    });
    routes.bind("streamEvents", [&store](const Request& req, const PathParams&) {
        return event_stream(store, req);
    });
}

}  // namespace coursedist::http
