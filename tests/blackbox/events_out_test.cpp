// Black-box tests of produced events (issue 3, SPEC section 4): the nine events on a real Redis
// stream in the BRAiN wire format, decodable by BRAiN's Python Event.from_dict; no event lost
// while Redis is down or when the service is killed; the embedded-mode event log
// (GET /api/events and its Server-Sent Events stream).

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"
#include "support/raw_connection.hpp"
#include "support/redis_server.hpp"

#include <gmock/gmock.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

constexpr const char* kStream = "brain:events:stream";
// Generous: the relay backs off up to 5 s while Redis is away. Never asserted as a duration.
constexpr auto kDeliveryDeadline = std::chrono::seconds(60);

const std::set<std::string> kEnvelopeKeys{
    "id",      "type",           "source",    "target",   "payload",  "timestamp", "mission_id",
    "task_id", "correlation_id", "tenant_id", "actor_id", "severity", "meta"};

const std::map<std::string, std::vector<std::string>> kPayloadFields{
    {"distribution.created",
     {"distribution_id", "course_id", "slug", "language", "title", "target_group", "visibility",
      "version", "derived_from", "created_at"}},
    {"distribution.updated",
     {"distribution_id", "updated_fields", "old_values", "new_values", "updated_at"}},
    {"distribution.deleted", {"distribution_id", "slug", "course_id", "deleted_at", "deleted_by"}},
    {"distribution.published",
     {"distribution_id", "slug", "course_id", "title", "language", "target_group", "seo",
      "visibility", "published_at"}},
    {"distribution.unpublished", {"distribution_id", "slug", "unpublished_at", "reason"}},
    {"distribution.viewed",
     {"distribution_id", "slug", "view_count", "viewed_at", "referrer_category"}},
    {"distribution.enrollment_clicked",
     {"distribution_id", "slug", "enrollment_count", "clicked_at", "cta_type"}},
    {"distribution.micro_niche_created",
     {"child_distribution_id", "parent_distribution_id", "parent_slug", "child_slug",
      "target_group_override", "title_override", "created_at"}},
    {"distribution.version_bumped",
     {"distribution_id", "slug", "old_version", "new_version", "bumped_at", "changelog"}},
};

std::string id_of(const json::object& d) {
    return std::string(d.at("distribution_id").as_string());
}

json::object payload_of(const StreamEntry& e) {
    return parse_object(e.field("payload").value_or(""));
}

// Every field is an envelope key, the required ones are there, `target` is present (empty for a
// broadcast), payload and meta are JSON objects as strings, and no key carries a null.
void expect_wire_format(const StreamEntry& e) {
    SCOPED_TRACE("stream entry " + e.id);
    std::set<std::string> seen;
    for (const auto& [key, value] : e.fields) {
        EXPECT_TRUE(kEnvelopeKeys.contains(key)) << "unexpected field " << key;
        EXPECT_TRUE(seen.insert(key).second) << "duplicate field " << key;
        EXPECT_NE(value, "null") << key;
    }
    for (auto key : {"id", "type", "source", "target", "payload", "timestamp", "meta"})
        EXPECT_TRUE(seen.contains(key)) << "missing field " << key;
    EXPECT_EQ(e.field("target"), "");
    EXPECT_EQ(e.field("source"), "course_distribution");
    EXPECT_TRUE(std::regex_match(
        e.field("id").value_or(""),
        std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    EXPECT_TRUE(std::regex_match(e.field("timestamp").value_or(""),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z)")));
    auto meta = parse_object(e.field("meta").value_or(""));
    EXPECT_EQ(meta["schema_version"], "1.0");
    EXPECT_EQ(meta["producer"], "course_distribution");
    EXPECT_EQ(meta["source_module"], "course_distribution");
    auto payload = payload_of(e);
    auto type = e.field("type").value_or("");
    ASSERT_TRUE(kPayloadFields.contains(type)) << type;
    for (const auto& name : kPayloadFields.at(type))
        EXPECT_TRUE(payload.contains(name)) << type << " payload lacks " << name;
}

class EventsOutTest : public ApiTest {
  protected:
    void SetUp() override {
        if (!RedisServer::installed()) GTEST_SKIP() << "redis-server is not installed";
        ApiTest::SetUp();
    }
    void configure(ServiceOptions& options) override {
        redis_ = std::make_unique<RedisServer>();
        options.env["COURSEDIST_REDIS"] = redis_->uri();
        // One event per count (BRAiN's behaviour): these tests follow single events.
        options.extra_args.insert(options.extra_args.end(), {"--counter-event-window", "0"});
    }
    void TearDown() override {
        ApiTest::TearDown();
        redis_.reset();
    }

    std::vector<StreamEntry> stream() {
        if (!redis_->running()) return {};
        return RedisClient(redis_->port()).xrange(kStream);
    }

    // Waits until the stream holds at least `count` entries; returns them all.
    std::vector<StreamEntry> wait_for_entries(std::size_t count) {
        auto deadline = std::chrono::steady_clock::now() + kDeliveryDeadline;
        auto entries = stream();
        while (entries.size() < count && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            entries = stream();
        }
        EXPECT_GE(entries.size(), count) << "events did not arrive on the stream";
        return entries;
    }

    // Runs an action and returns the events it put on the stream (waits for `expected` of them,
    // then a little longer to catch any extra one).
    std::vector<StreamEntry> events_of(std::size_t expected, const std::function<void()>& action) {
        auto before = stream().size();
        action();
        auto entries = wait_for_entries(before + expected);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        entries = stream();
        return {entries.begin() + static_cast<std::ptrdiff_t>(before), entries.end()};
    }

    std::vector<std::string> types_of(const std::vector<StreamEntry>& entries) {
        std::vector<std::string> types;
        for (const auto& e : entries) types.push_back(e.field("type").value_or("?"));
        return types;
    }

    // The nine actions in order, each checked for exactly its events; returns the whole stream.
    std::vector<StreamEntry> perform_all_actions() {
        json::object parent, child;
        auto created = events_of(1, [&] {
            parent = create_course("Event sourcing for course builders",
                                   {{"target_group", json::array{"developers"}}});
        });
        EXPECT_THAT(types_of(created), ::testing::ElementsAre("distribution.created"));
        auto parent_id = id_of(parent);

        auto updated = events_of(1, [&] {
            auto r = admin_json("PUT", "/api/distributions/" + parent_id,
                                {{"title", "Event sourcing for platform builders"}});
            EXPECT_EQ(r.status, 200) << r.body;
        });
        EXPECT_THAT(types_of(updated), ::testing::ElementsAre("distribution.updated"));
        if (!updated.empty()) {
            auto payload = payload_of(updated.front());
            EXPECT_EQ(payload["updated_fields"], json::array{"title"});
            EXPECT_EQ(payload["old_values"].at("title"), "Event sourcing for course builders");
            EXPECT_EQ(payload["new_values"].at("title"), "Event sourcing for platform builders");
        }

        auto published = events_of(1, [&] { publish(parent_id); });
        EXPECT_THAT(types_of(published), ::testing::ElementsAre("distribution.published"));

        auto viewed = events_of(1, [&] {
            auto r = admin_json("POST", "/api/distributions/" + parent_id + "/log-view",
                                {{"referrer_category", "social"}});
            EXPECT_EQ(r.status, 200) << r.body;
        });
        EXPECT_THAT(types_of(viewed), ::testing::ElementsAre("distribution.viewed"));
        if (!viewed.empty()) {
            EXPECT_EQ(payload_of(viewed.front())["view_count"], 1);
            EXPECT_EQ(payload_of(viewed.front())["referrer_category"], "social");
        }

        auto clicked = events_of(1, [&] {
            auto r =
                admin_json("POST", "/api/distributions/" + parent_id + "/track-click",
                           {{"cta_type", "hero_button"}}, {{"X-Request-ID", "click-request-42"}});
            EXPECT_EQ(r.status, 200) << r.body;
        });
        EXPECT_THAT(types_of(clicked), ::testing::ElementsAre("distribution.enrollment_clicked"));
        if (!clicked.empty()) {
            EXPECT_EQ(payload_of(clicked.front())["enrollment_count"], 1);
            EXPECT_EQ(clicked.front().field("correlation_id"), "click-request-42");
            auto meta = parse_object(clicked.front().field("meta").value_or(""));
            EXPECT_EQ(meta["correlation_id"], "click-request-42");
        }

        auto variant = events_of(2, [&] {
            auto r = admin_json("POST", "/api/distributions/" + parent_id + "/variants",
                                {{"target_group", json::array{"nurses"}},
                                 {"title_override", "Event sourcing for nurses on call"}});
            EXPECT_EQ(r.status, 201) << r.body;
            child = parse_object(r.body);
        });
        EXPECT_THAT(types_of(variant),
                    ::testing::UnorderedElementsAre("distribution.created",
                                                    "distribution.micro_niche_created"));

        auto bumped = events_of(1, [&] {
            auto r = admin_json("POST", "/api/distributions/" + parent_id + "/version-bump",
                                {{"changelog", "New module on projections"}});
            EXPECT_EQ(r.status, 200) << r.body;
        });
        EXPECT_THAT(types_of(bumped), ::testing::ElementsAre("distribution.version_bumped"));
        if (!bumped.empty()) {
            EXPECT_EQ(payload_of(bumped.front())["changelog"], "New module on projections");
        }

        auto unpublished = events_of(1, [&] {
            auto r = admin("POST", "/api/distributions/" + parent_id + "/unpublish");
            EXPECT_EQ(r.status, 200) << r.body;
        });
        EXPECT_THAT(types_of(unpublished), ::testing::ElementsAre("distribution.unpublished"));

        auto deleted = events_of(1, [&] {
            auto r = admin("DELETE", "/api/distributions/" + id_of(child));
            EXPECT_EQ(r.status, 204) << r.body;
        });
        EXPECT_THAT(types_of(deleted), ::testing::ElementsAre("distribution.deleted"));
        return stream();
    }

    std::unique_ptr<RedisServer> redis_;
};

TEST_P(EventsOutTest, EachActionPutsExactlyOneEventOfItsTypeInTheWireFormat) {
    auto entries = perform_all_actions();
    std::set<std::string> types;
    for (const auto& e : entries) {
        expect_wire_format(e);
        types.insert(e.field("type").value_or(""));
    }
    EXPECT_EQ(types.size(), kPayloadFields.size());
}

TEST_P(EventsOutTest, BrainsPythonEventFromDictDecodesEveryEventType) {
    auto entries = perform_all_actions();
    json::array dump;
    for (const auto& e : entries) {
        json::object fields;
        for (const auto& [key, value] : e.fields) fields[key] = value;
        dump.push_back(std::move(fields));
    }
    auto input = dir_->path() / "xrange.json";
    std::ofstream(input) << json::serialize(dump);
    auto script = std::string(COURSEDIST_SOURCE_DIR) + "/tests/blackbox/brain_event_decode.py";
    auto output_file = dir_->path() / "decoded.txt";
    auto command =
        "python3 '" + script + "' '" + input.string() + "' > '" + output_file.string() + "' 2>&1";
    int status = std::system(command.c_str());
    std::ifstream in(output_file);
    std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_EQ(status, 0) << output;
    for (const auto& [type, fields] : kPayloadFields) EXPECT_THAT(output, HasSubstr(type + "\n"));
}

TEST_P(EventsOutTest, ClicksAnswerWhileRedisIsDownAndTheirEventsArriveAfterItReturns) {
    auto d = create_course("Resilient clicks course");
    auto id = id_of(d);
    publish(id);
    wait_for_entries(2);
    redis_->stop();

    for (int i = 0; i < 25; ++i) {
        auto r = admin_json("POST", "/api/distributions/" + id + "/track-click",
                            {{"cta_type", "hero_button"}});
        ASSERT_EQ(r.status, 200) << r.body;
    }
    // The publisher notices Redis is gone on its next attempt, which the clicks' commits wake.
    HttpResponse ready;
    EXPECT_TRUE(eventually([&] {
        ready = get("/readyz");
        return std::string(parse_object(ready.body).at("checks").at("redis").as_string())
                   .find("unavailable") != std::string::npos;
    })) << ready.body;
    EXPECT_EQ(ready.status, 200) << "Redis is not required for readiness";

    redis_->start();  // empty: the server keeps no data
    auto entries = wait_for_entries(25);
    std::set<std::string> ids;
    std::set<std::int64_t> counts;
    for (const auto& e : entries) {
        if (e.field("type") != "distribution.enrollment_clicked") continue;
        ids.insert(e.field("id").value_or(""));
        counts.insert(payload_of(e)["enrollment_count"].as_int64());
    }
    EXPECT_EQ(ids.size(), 25u);
    EXPECT_EQ(counts.size(), 25u);
    EXPECT_EQ(*counts.begin(), 1);
    EXPECT_EQ(*counts.rbegin(), 25);

    auto metrics = get("/metrics").body;
    EXPECT_THAT(metrics, HasSubstr("coursedist_events_published_total"));
    EXPECT_THAT(metrics, HasSubstr("coursedist_outbox_backlog 0"));
    EXPECT_THAT(metrics, ::testing::Not(HasSubstr("coursedist_relay_errors_total 0\n")));
    EXPECT_EQ(parse_object(get("/readyz").body).at("checks").at("redis"), "ok");
}

TEST_P(EventsOutTest, EveryAcknowledgedChangeHasItsEventAfterKillNineAndRestart) {
    // What each writer saw acknowledged: created distribution ids, and (id, count) of clicks.
    std::mutex mutex;
    std::set<std::string> created;
    std::set<std::pair<std::string, std::int64_t>> clicks;
    std::atomic<int> acknowledged{0};
    auto port = service_->port();
    auto token = service_->auth_header();

    auto writer = [&](int n) {
        try {
            HttpClient client(port);
            std::vector<std::pair<std::string, std::string>> headers{
                {"Authorization", token}, {"Content-Type", "application/json"}};
            for (int i = 0;; ++i) {
                json::object body{
                    {"course_id", "course_" + std::to_string(n)},
                    {"language", "en"},
                    {"title", "Crash safe course " + std::to_string(n) + "-" + std::to_string(i)},
                    {"description", long_description("crash safety")}};
                auto r = client.request("POST", "/api/distributions/create", json::serialize(body),
                                        headers);
                if (r.status != 201) return;
                auto id = id_of(parse_object(r.body));
                {
                    std::lock_guard lock(mutex);
                    created.insert(id);
                }
                ++acknowledged;
                for (int c = 0; c < 3; ++c) {
                    auto click = client.request("POST", "/api/distributions/" + id + "/track-click",
                                                "{}", headers);
                    if (click.status != 200) return;
                    std::lock_guard lock(mutex);
                    clicks.emplace(id, parse_object(click.body).at("enrollment_count").as_int64());
                    ++acknowledged;
                }
            }
        } catch (const std::exception&) {
            // the service was killed under us
        }
    };
    std::vector<std::thread> writers;
    for (int n = 0; n < 4; ++n) writers.emplace_back(writer, n);
    while (acknowledged < 120) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    service_->kill_hard();
    for (auto& t : writers) t.join();

    service_->restart();
    client_ = std::make_unique<HttpClient>(service_->port());
    std::size_t expected = created.size() + clicks.size();
    auto deadline = std::chrono::steady_clock::now() + kDeliveryDeadline;
    std::set<std::string> missing_created;
    std::set<std::pair<std::string, std::int64_t>> missing_clicks;
    do {
        missing_created = created;
        missing_clicks = clicks;
        for (const auto& e : stream()) {
            auto payload = payload_of(e);
            if (e.field("type") == "distribution.created")
                missing_created.erase(std::string(payload["distribution_id"].as_string()));
            if (e.field("type") == "distribution.enrollment_clicked")
                missing_clicks.erase({std::string(payload["distribution_id"].as_string()),
                                      payload["enrollment_count"].as_int64()});
        }
        if (missing_created.empty() && missing_clicks.empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    } while (std::chrono::steady_clock::now() < deadline);
    EXPECT_TRUE(missing_created.empty()) << missing_created.size() << " created events missing";
    EXPECT_TRUE(missing_clicks.empty()) << missing_clicks.size() << " click events missing";
    EXPECT_GE(expected, 120u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsOutTest, ::testing::ValuesIn(test_backends()));

// Embedded mode: no Redis, the outbox is the event log.
class EventLogTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args.insert(options.extra_args.end(), {"--counter-event-window", "0"});
    }

    json::object events_page(const std::string& query) {
        auto r = admin("GET", "/api/events" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse_object(r.body);
    }

    std::string sse_request(const std::vector<std::string>& extra_headers = {}) {
        std::string request =
            "GET /api/events/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Authorization: " +
            service_->auth_header() + "\r\nAccept: text/event-stream\r\n";
        for (const auto& h : extra_headers) request += h + "\r\n";
        return request + "\r\n";
    }

    // The `id:` values of the SSE blocks in a raw response, in order.
    static std::vector<std::int64_t> sse_ids(const std::string& raw) {
        std::vector<std::int64_t> ids;
        std::regex block(R"(id: (\d+)\nevent: ([a-z._]+)\ndata: (\{[^\n]*\})\n\n)");
        for (auto it = std::sregex_iterator(raw.begin(), raw.end(), block);
             it != std::sregex_iterator(); ++it) {
            ids.push_back(std::stoll((*it)[1]));
            auto envelope = parse_object((*it)[3]);
            EXPECT_EQ(envelope["type"], json::string((*it)[2].str()));
        }
        return ids;
    }
};

TEST_P(EventLogTest, PagesThroughTheOutboxInCommitOrder) {
    auto d = create_course("Paged event log course");
    publish(id_of(d));
    admin("POST", "/api/distributions/" + id_of(d) + "/track-click");

    auto first = events_page("?limit=2");
    auto& items = first["items"].as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("event").at("type"), "distribution.created");
    EXPECT_EQ(items[1].at("event").at("type"), "distribution.published");
    EXPECT_LT(items[0].at("seq").as_int64(), items[1].at("seq").as_int64());
    EXPECT_EQ(first["next_after"], items[1].at("seq"));
    EXPECT_TRUE(items[0].at("event").at("target").is_null());
    EXPECT_EQ(items[0].at("event").at("payload").at("distribution_id"), d.at("distribution_id"));

    auto after = std::to_string(first["next_after"].as_int64());
    auto second = events_page("?after=" + after + "&limit=1000");
    ASSERT_EQ(second["items"].as_array().size(), 1u);
    EXPECT_EQ(second["items"].as_array()[0].at("event").at("type"),
              "distribution.enrollment_clicked");
    auto end = std::to_string(second["next_after"].as_int64());
    auto last = events_page("?after=" + end);
    EXPECT_TRUE(last["items"].as_array().empty());
    EXPECT_EQ(last["next_after"].as_int64(), std::stoll(end));

    EXPECT_EQ(admin("GET", "/api/events?limit=0").status, 422);
    EXPECT_EQ(admin("GET", "/api/events?limit=1001").status, 422);
    EXPECT_EQ(admin("GET", "/api/events?after=-1").status, 422);
    EXPECT_EQ(get("/api/events").status, 401);
    EXPECT_EQ(get("/api/events/stream").status, 401);
}

TEST_P(EventLogTest, StreamsServerSentEventsResumesAfterLastEventIdAndStaysOpen) {
    auto d = create_course("Streamed event log course");
    publish(id_of(d));
    admin("POST", "/api/distributions/" + id_of(d) + "/log-view");

    HttpClient reader(service_->port());
    auto raw = reader.raw(sse_request(), 1500);
    EXPECT_THAT(raw, HasSubstr("text/event-stream"));
    auto ids = sse_ids(raw);
    ASSERT_EQ(ids.size(), 3u) << raw;

    // A reconnecting client gets only what came after the last id it saw, then new events live.
    std::string resumed;
    std::thread listener([&] {
        HttpClient again(service_->port());
        resumed = again.raw(sse_request({"Last-Event-ID: " + std::to_string(ids[1])}), 4000);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(1000));
    admin("POST", "/api/distributions/" + id_of(d) + "/track-click");
    listener.join();
    auto resumed_ids = sse_ids(resumed);
    ASSERT_EQ(resumed_ids.size(), 2u) << resumed;
    EXPECT_EQ(resumed_ids[0], ids[2]);
    EXPECT_GT(resumed_ids[1], ids[2]);
    EXPECT_THAT(resumed, HasSubstr("event: distribution.enrollment_clicked\n"));
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLogTest, ::testing::ValuesIn(test_backends()));

// Open streams wait without a thread each: 64 of them on a server with 2 HTTP threads all get
// the next event, the process has no more threads than before they opened, and the server
// answers other requests meanwhile.
class ManyStreamsTest : public EventLogTest {
  protected:
    int service_threads() {
        std::ifstream status("/proc/" + std::to_string(service_->pid()) + "/status");
        std::string line;
        while (std::getline(status, line))
            if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
        return -1;
    }

    void configure(ServiceOptions& options) override {
        EventLogTest::configure(options);
        options.extra_args.insert(options.extra_args.end(), {"--threads", "2"});
    }
};

TEST_P(ManyStreamsTest, EveryOpenStreamGetsTheNextEvent) {
    auto d = create_course("Course watched by many streams");
    const auto end = events_page("?limit=1000")["next_after"].as_int64();
    // The feed's one reader thread starts with the first stream.
    HttpClient(service_->port()).raw(sse_request(), 200);
    const int threads_before = service_threads();
    constexpr int kStreams = 64;
    std::vector<std::unique_ptr<RawConnection>> streams;
    for (int i = 0; i < kStreams; ++i) {
        streams.push_back(std::make_unique<RawConnection>(service_->port()));
        ASSERT_TRUE(streams.back()->send(sse_request({"Last-Event-ID: " + std::to_string(end)})));
    }
    for (auto& stream : streams)
        ASSERT_TRUE(stream->wait_for("text/event-stream", std::chrono::seconds(60)))
            << stream->received();
    EXPECT_EQ(admin("GET", "/api/distributions/" + id_of(d)).status, 200);
    EXPECT_EQ(service_threads(), threads_before);

    admin("POST", "/api/distributions/" + id_of(d) + "/track-click");
    for (auto& stream : streams) {
        ASSERT_TRUE(
            stream->wait_for("event: distribution.enrollment_clicked\n", std::chrono::seconds(60)))
            << stream->received();
        const auto ids = sse_ids(stream->received());
        ASSERT_EQ(ids.size(), 1u) << stream->received();
        EXPECT_GT(ids[0], end);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, ManyStreamsTest, ::testing::ValuesIn(test_backends()));

// The event log keeps events for --event-log-retention-days: here about two seconds.
class EventLogRetentionTest : public EventLogTest {
  protected:
    void configure(ServiceOptions& options) override {
        EventLogTest::configure(options);
        options.extra_args.insert(options.extra_args.end(),
                                  {"--event-log-retention-days", "0.00002"});
    }
};

TEST_P(EventLogRetentionTest, OldEventsLeaveTheLog) {
    auto d = create_course("Short-lived event log course");
    admin("POST", "/api/distributions/" + id_of(d) + "/log-view");
    EXPECT_TRUE(eventually([&] { return events_page("")["items"].as_array().empty(); }));
    EXPECT_THAT(get("/metrics").body, HasSubstr("coursedist_event_log_pruned_total 2\n"));
}

INSTANTIATE_TEST_SUITE_P(Backends, EventLogRetentionTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
