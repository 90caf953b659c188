// The outbox as an event log (SPEC section 4, embedded mode): paged JSON and Server-Sent Events,
// both admin only. Available with Redis configured too, where it shows the retained outbox.

#include "http/api.hpp"
#include "http/request_support.hpp"

#include "service/event_feed.hpp"

#include <boost/json.hpp>

#include <atomic>
#include <charconv>
#include <memory>

namespace coursedist::http {

namespace json = boost::json;

namespace {

constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// A seq position: a non-negative integer, or the failing field in a 422.
std::int64_t seq_value(std::string_view raw, std::string_view field) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc{} || end != raw.data() + raw.size() || value < 0)
        throw HttpError(422, "invalid event position",
                        {{std::string(field), "must be a non-negative integer (an event seq)"}});
    return value;
}

json::object item_of(const service::LoggedEvent& event) {
    return json::object{{"seq", event.seq}, {"event", json::parse(event.envelope_json)}};
}

std::string sse_block(const service::LoggedEvent& event) {
    // The envelope JSON is one line (boost::json::serialize never emits newlines), so one
    // `data:` line carries it.
    return "id: " + std::to_string(event.seq) + "\nevent: " + event.type +
           "\ndata: " + event.envelope_json + "\n\n";
}

// The SSE body, asked for chunk by chunk: the events after the last one written, as the feed
// answers a wait with them, or a heartbeat comment when it answers with none (idle), so proxies
// and clients see the connection alive. No thread waits for it.
class EventStreamBody {
  public:
    EventStreamBody(std::shared_ptr<service::EventFeed> feed, std::int64_t after)
        : feed_(std::move(feed)), after_(std::make_shared<std::atomic<std::int64_t>>(after)) {}

    // On the connection's thread; `ready` is called on the feed's thread. A wait holds the
    // position and `ready`, not this body or the feed: the feed is never let go of on its own
    // thread.
    void next(ChunkReady ready) {
        ticket_ = feed_->wait(after_->load(), [after = after_, ready = std::move(ready)](
                                                  std::vector<service::LoggedEvent> events) {
            if (events.empty()) return ready(std::string(": heartbeat\n\n"));
            std::string chunk;
            for (const auto& event : events) chunk += sse_block(event);
            after->store(events.back().seq);
            ready(std::move(chunk));
        });
    }
    void cancel() { feed_->cancel(ticket_); }

  private:
    std::shared_ptr<service::EventFeed> feed_;
    std::shared_ptr<std::atomic<std::int64_t>> after_;  // the last seq written
    std::uint64_t ticket_ = 0;                          // the connection's thread only
};

Response events_page(service::EventFeed& feed, const Request& req) {
    auto raw_after = req.query_param("after");
    std::int64_t after = raw_after ? seq_value(*raw_after, "after") : 0;
    int limit = int_param(req, "limit", kDefaultPageSize, 1, kMaxPageSize);
    auto events = feed.after(after, limit);
    json::array items;
    for (const auto& event : events) items.push_back(item_of(event));
    std::int64_t next_after = events.empty() ? after : events.back().seq;
    return json_ok(json::object{{"items", std::move(items)}, {"next_after", next_after}});
}

Response event_stream(const std::shared_ptr<service::EventFeed>& feed, const Request& req) {
    // Last-Event-ID (a reconnecting EventSource) wins over ?after= (a first connection).
    std::int64_t after = 0;
    if (auto last_id = req.header("last-event-id"); last_id && !last_id->empty())
        after = seq_value(*last_id, "Last-Event-ID");
    else if (auto raw_after = req.query_param("after"))
        after = seq_value(*raw_after, "after");

    auto body = std::make_shared<EventStreamBody>(feed, after);
    Response r;
    r.set("Content-Type", "text/event-stream");
    r.set("Cache-Control", "no-store");
    r.set("X-Accel-Buffering", "no");  // nginx would otherwise hold the events back
    r.stream = std::make_shared<StreamingBody>();
    r.stream->next = [body](ChunkReady ready) { body->next(std::move(ready)); };
    r.stream->cancel = [body] { body->cancel(); };
    return r;
}

}  // namespace

void bind_event_routes(RouteHandlers& routes, ApiDependencies& deps) {
    auto feed = service::EventFeed::create(deps.service);
    routes.bind("listEvents",
                [feed](const Request& req, const PathParams&) { return events_page(*feed, req); });
    routes.bind("streamEvents",
                [feed](const Request& req, const PathParams&) { return event_stream(feed, req); });
}

}  // namespace coursedist::http
