// Black-box tests of consumed events (issue 4, SPEC section 4 "Consumed", "Idempotency",
// "Errors"): course_factory events XADDed in the BRAiN wire format to a real Redis create and
// update distributions exactly once; invalid ones end up in brain:events:dlq, which keeps at
// most --dlq-maxlen of them (spec/durability.md); a replay of the
// whole stream changes nothing; an event that meets a locked database stays pending and is applied
// once the lock is gone. And POST /api/events, the same handlers without Redis.

#include "support/api_fixture.hpp"
#include "support/brain_events.hpp"
#include "support/eventually.hpp"
#include "support/postgres_server.hpp"
#include "support/redis_server.hpp"

#include <gmock/gmock.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

constexpr const char* kDeadLetters = "brain:events:dlq";

// The consumer met a transient failure at least once (and so did not acknowledge).
bool retried_at_least_once(const std::string& metrics) {
    return metrics.find("coursedist_events_retried_total 0") == std::string::npos &&
           metrics.find("coursedist_events_retried_total") != std::string::npos;
}

class EventsInTest : public ApiTest {
  protected:
    void SetUp() override {
        if (!RedisServer::installed()) GTEST_SKIP() << "redis-server is not installed";
        ApiTest::SetUp();
        redis_client_ = std::make_unique<RedisClient>(redis_->port());
    }
    void configure(ServiceOptions& options) override {
        redis_ = std::make_unique<RedisServer>();
        options.env["COURSEDIST_REDIS"] = redis_->uri();
        // Short, so a transient failure is retried within the test; many deliveries, so a long
        // lock does not send the event to the dead letters.
        options.env["COURSEDIST_CONSUMER_MIN_IDLE_SECONDS"] = "1";
        options.env["COURSEDIST_CONSUMER_MAX_DELIVERIES"] = "100";
        options.env["COURSEDIST_SQLITE_BUSY_TIMEOUT_MS"] = "200";
    }
    void TearDown() override {
        ApiTest::TearDown();
        redis_client_.reset();
        redis_.reset();
    }

    std::vector<json::object> of_course(const std::string& course_id) {
        auto page = parse_object(admin("GET", "/api/distributions?limit=100").body);
        std::vector<json::object> found;
        for (auto& item : page.at("items").as_array())
            if (item.at("course_id") == course_id.c_str()) found.push_back(item.as_object());
        return found;
    }
    std::string publish(const std::string& type, const json::object& payload) {
        return redis_client_->xadd(kBrainStream, brain_event(type, payload));
    }
    long long pending() { return redis_client_->pending(kBrainStream, kConsumerGroup); }
    // distribution.created events of a course on the stream (published by the relay).
    int created_events(const std::string& course_id) {
        int n = 0;
        for (const auto& e : redis_client_->xrange(kBrainStream))
            if (e.field("type") == "distribution.created" &&
                parse_object(e.field("payload").value_or("{}")).at("course_id") ==
                    course_id.c_str())
                ++n;
        return n;
    }

    std::unique_ptr<RedisServer> redis_;
    std::unique_ptr<RedisClient> redis_client_;
};

TEST_P(EventsInTest, GenerationCompletedCreatesOneDistributionAndStagingSetsItsUrl) {
    publish("course.generation.completed", generation_payload("course-42"));
    ASSERT_TRUE(eventually([&] { return of_course("course-42").size() == 1; }));
    auto d = of_course("course-42").front();
    EXPECT_EQ(d.at("slug"), "groesse-uebermass-fuer-anfaenger");
    EXPECT_EQ(d.at("visibility"), "private");
    EXPECT_EQ(d.at("target_group"), (json::array{"anfaenger"}));
    EXPECT_EQ(d.at("cta").at("label"), "Jetzt starten");
    auto modules = d.at("outline").at("modules").as_array();
    ASSERT_EQ(modules.size(), 1u);
    EXPECT_EQ(modules[0].at("module_id"), "m1");
    EXPECT_EQ(modules[0].at("chapter_count"), 2);
    EXPECT_EQ(modules[0].at("estimated_duration_minutes"), 40);

    // A second completion of the same course, then a staging deployment: entries are handled in
    // order, so once the URL is there the second event was handled too, and created nothing.
    publish("course.generation.completed",
            generation_payload("course-42", "Ein ganz anderer Titel"));
    publish("course.deployed.staging", {{"course_id", "course-42"},
                                        {"staging_url", "https://staging.example.org/c42"},
                                        {"deployed_at", "2026-11-27T11:00:00"}});
    ASSERT_TRUE(eventually([&] {
        auto found = of_course("course-42");
        return !found.empty() &&
               found.front().at("staging_url") == "https://staging.example.org/c42";
    }));
    auto after = of_course("course-42");
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after.front().at("title"), kGeneratedTitle);
    EXPECT_EQ(after.front().at("staging_deployed_at"), "2026-11-27T11:00:00.000000Z");
    EXPECT_TRUE(eventually([&] { return pending() == 0; }));
    // The update went out as distribution.updated.
    EXPECT_TRUE(eventually([&] {
        for (const auto& e : redis_client_->xrange(kBrainStream))
            if (e.field("type") == "distribution.updated") return true;
        return false;
    }));
}

TEST_P(EventsInTest, InvalidEventsGoToTheDeadLetterStreamAndNothingStaysPending) {
    auto missing = generation_payload("course-7");
    missing.erase("description");
    auto missing_id = publish("course.generation.completed", missing);
    StreamFields unparseable = brain_event("course.generation.completed", {});
    unparseable[4].second = "{not json";
    auto unparseable_id = redis_client_->xadd(kBrainStream, unparseable);
    // A valid event behind the two poison messages is not blocked by them.
    publish("course.generation.completed", generation_payload("course-8"));

    ASSERT_TRUE(eventually([&] { return redis_client_->xlen(kDeadLetters) == 2; }));
    EXPECT_TRUE(eventually([&] { return of_course("course-8").size() == 1; }));
    EXPECT_TRUE(eventually([&] { return pending() == 0; }));
    EXPECT_TRUE(of_course("course-7").empty());
    auto dead = redis_client_->xrange(kDeadLetters);
    EXPECT_EQ(dead[0].field("stream_message_id"), missing_id);
    EXPECT_EQ(dead[0].field("type"), "course.generation.completed");
    EXPECT_EQ(dead[0].field("delivery_count"), "1");
    EXPECT_THAT(dead[0].field("error").value_or(""), ::testing::HasSubstr("payload.description"));
    EXPECT_EQ(dead[1].field("stream_message_id"), unparseable_id);
    EXPECT_THAT(dead[1].field("error").value_or(""), ::testing::HasSubstr("payload"));
}

TEST_P(EventsInTest, AReplayOfTheWholeStreamDoesNotRecreateADeletedDistribution) {
    publish("course.generation.completed", generation_payload("course-replay"));
    ASSERT_TRUE(eventually([&] { return of_course("course-replay").size() == 1; }));
    auto id = std::string(of_course("course-replay").front().at("distribution_id").as_string());
    ASSERT_EQ(admin("DELETE", "/api/distributions/" + id).status, 204);
    ASSERT_TRUE(eventually([&] { return created_events("course-replay") == 1; }));

    redis_client_->command({"XGROUP", "SETID", kBrainStream, kConsumerGroup, "0"});
    // Handled in order: once this marker's distribution exists, every replayed entry was seen.
    publish("course.generation.completed", generation_payload("course-marker", "Der Marker-Kurs"));
    ASSERT_TRUE(eventually([&] { return of_course("course-marker").size() == 1; }));
    EXPECT_TRUE(of_course("course-replay").empty());
    ASSERT_TRUE(eventually([&] { return created_events("course-marker") == 1; }));
    EXPECT_EQ(created_events("course-replay"), 1);
    EXPECT_TRUE(eventually([&] { return pending() == 0; }));
}

// Another process holding SQLite's write lock (the sqlite3 shell inside BEGIN EXCLUSIVE).
class SqliteLockHolder {
  public:
    SqliteLockHolder(const std::string& db_path, const std::string& out_path) : out_(out_path) {
        shell_ = popen(("sqlite3 -batch '" + db_path + "' > '" + out_path + "' 2>&1").c_str(), "w");
        if (!shell_) throw std::runtime_error("cannot start sqlite3");
        send(".timeout 10000\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n");
    }
    ~SqliteLockHolder() { release(); }
    bool holding() const {
        std::ifstream in(out_);
        std::stringstream text;
        text << in.rdbuf();
        return text.str().find("locked") != std::string::npos;
    }
    void release() {
        if (!shell_) return;
        send("COMMIT;\n.quit\n");
        pclose(shell_);
        shell_ = nullptr;
    }

  private:
    void send(const std::string& text) {
        std::fputs(text.c_str(), shell_);
        std::fflush(shell_);
    }
    std::string out_;
    FILE* shell_ = nullptr;
};

TEST_P(EventsInTest, AnEventMeetingALockedDatabaseStaysPendingAndIsAppliedOnceItIsBack) {
    if (GetParam() != "sqlite") GTEST_SKIP() << "the lock is SQLite's";
    if (std::system("command -v sqlite3 >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "the sqlite3 shell is not installed";
    const std::string db_path = database_->uri().substr(std::string("sqlite:").size());
    SqliteLockHolder lock(db_path, (dir_->path() / "lock.out").string());
    ASSERT_TRUE(eventually([&] { return lock.holding(); }));

    publish("course.generation.completed", generation_payload("course-locked"));
    // Delivered, failed (retried counts it), not acknowledged.
    ASSERT_TRUE(eventually([&] { return retried_at_least_once(get("/metrics").body); }));
    EXPECT_EQ(pending(), 1);
    EXPECT_EQ(redis_client_->xlen(kDeadLetters), 0);

    lock.release();
    ASSERT_TRUE(eventually([&] { return of_course("course-locked").size() == 1; }));
    EXPECT_TRUE(eventually([&] { return pending() == 0; }));
    EXPECT_EQ(redis_client_->xlen(kDeadLetters), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsInTest, ::testing::ValuesIn(test_backends()));

// The dead-letter stream is bounded by --dlq-maxlen: the newest entries stay. Redis alone decides
// this, so SQLite is enough.
class DeadLetterBoundTest : public EventsInTest {
  protected:
    static constexpr int kMaxlen = 3;
    void configure(ServiceOptions& options) override {
        EventsInTest::configure(options);
        options.env["COURSEDIST_DLQ_MAXLEN"] = std::to_string(kMaxlen);
    }
};

TEST_P(DeadLetterBoundTest, TheDeadLetterStreamKeepsTheNewestMaxlenEntries) {
    constexpr int kPoison = 3 * kMaxlen + 1;
    std::vector<std::string> ids;
    for (int i = 0; i < kPoison; ++i) {
        auto missing = generation_payload("course-poison-" + std::to_string(i));
        missing.erase("description");
        ids.push_back(publish("course.generation.completed", missing));
    }
    ASSERT_TRUE(eventually([&] {
        return get("/metrics")
                   .body.find("coursedist_events_dead_lettered_total " + std::to_string(kPoison) +
                              "\n") != std::string::npos;
    }));
    EXPECT_TRUE(eventually([&] { return pending() == 0; }));
    const auto dead = redis_client_->xrange(kDeadLetters);
    ASSERT_EQ(dead.size(), static_cast<std::size_t>(kMaxlen));
    for (int i = 0; i < kMaxlen; ++i)
        EXPECT_EQ(dead[i].field("stream_message_id"), ids[kPoison - kMaxlen + i]) << i;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, DeadLetterBoundTest, ::testing::Values("sqlite"));

// The PostgreSQL side of the transient-failure rule: the server stopped while an event arrives.
TEST(EventsInPostgresOutageTest, AnEventMeetingAStoppedServerStaysPendingAndIsAppliedAfterwards) {
    if (!RedisServer::installed()) GTEST_SKIP() << "redis-server is not installed";
    PostgresCluster cluster;
    ScratchPostgresDatabase database(cluster.admin_uri());
    RedisServer redis;
    RedisClient stream(redis.port());
    ServiceOptions options;
    options.database = database.uri();
    options.env["COURSEDIST_REDIS"] = redis.uri();
    options.env["COURSEDIST_CONSUMER_MIN_IDLE_SECONDS"] = "1";
    options.env["COURSEDIST_CONSUMER_MAX_DELIVERIES"] = "100";
    ServiceProcess service(options);
    HttpClient client(service.port());
    ASSERT_TRUE(
        eventually([&] { return stream.consumers(kBrainStream, kConsumerGroup).size() == 1; }));

    cluster.stop();
    stream.xadd(kBrainStream, brain_event("course.generation.completed",
                                          generation_payload("course-while-pg-down")));
    ASSERT_TRUE(eventually([&] { return retried_at_least_once(client.get("/metrics").body); }))
        << service.output();
    EXPECT_EQ(stream.pending(kBrainStream, kConsumerGroup), 1);
    EXPECT_EQ(stream.xlen(kDeadLetters), 0);

    cluster.start();
    auto applied = [&] {
        auto response = client.request("GET", "/api/distributions?limit=100", {},
                                       {{"Authorization", service.auth_header()}});
        if (response.status != 200) return false;
        auto page = parse_object(response.body);
        const auto& items = page.at("items").as_array();
        return items.size() == 1 && items[0].at("course_id") == "course-while-pg-down";
    };
    ASSERT_TRUE(eventually(applied)) << service.output();
    EXPECT_TRUE(eventually([&] { return stream.pending(kBrainStream, kConsumerGroup) == 0; }));
    EXPECT_EQ(stream.xlen(kDeadLetters), 0);
}

// POST /api/events: the same envelope and handlers without Redis, deduplicated by event id.
class EventsIngestHttpTest : public ApiTest {
  protected:
    HttpResponse post_event(const json::object& envelope) {
        return admin_json("POST", "/api/events", envelope);
    }
    static json::object envelope(const std::string& id, const std::string& type,
                                 json::value payload) {
        return {{"id", id},
                {"type", type},
                {"source", "course_factory"},
                {"target", nullptr},
                {"timestamp", "2026-11-27T10:15:00"},
                {"payload", std::move(payload)},
                {"meta", json::object{{"schema_version", "1.0"}}}};
    }
};

TEST_P(EventsIngestHttpTest, AppliesOnceThenAnswersAlreadyProcessed) {
    auto event =
        envelope(new_event_id(), "course.generation.completed", generation_payload("c-http"));
    auto first = post_event(event);
    ASSERT_EQ(first.status, 201) << first.body;
    auto body = parse_object(first.body);
    EXPECT_EQ(body.at("status"), "applied");
    ASSERT_EQ(body.at("created").as_array().size(), 1u);
    auto id = std::string(body.at("created").as_array()[0].as_string());
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions/" + id).body).at("slug"),
              "groesse-uebermass-fuer-anfaenger");

    auto again = post_event(event);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(parse_object(again.body).at("status"), "already_processed");

    // Payload as a JSON string, as on the stream.
    auto staging =
        envelope(new_event_id(), "course.deployed.staging",
                 json::string(json::serialize(json::object{
                     {"course_id", "c-http"}, {"staging_url", "https://s.example.org/x"}})));
    auto applied = post_event(staging);
    ASSERT_EQ(applied.status, 201) << applied.body;
    EXPECT_EQ(parse_object(applied.body).at("updated").as_array().size(), 1u);
    EXPECT_EQ(parse_object(admin("GET", "/api/distributions/" + id).body).at("staging_deployed_at"),
              "2026-11-27T10:15:00.000000Z");
}

TEST_P(EventsIngestHttpTest, OtherTypesAreIgnored) {
    auto response = post_event(envelope(new_event_id(), "course.archived", json::object{}));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(parse_object(response.body).at("status"), "ignored");
}

TEST_P(EventsIngestHttpTest, InvalidEventsAre422WithTheFailingFields) {
    auto payload = generation_payload("c-bad");
    payload["description"] = "zu kurz";
    auto response = post_event(envelope(new_event_id(), "course.generation.completed", payload));
    EXPECT_EQ(response.status, 422);
    EXPECT_THAT(error_fields(response), ::testing::Contains("payload.description"));

    auto no_payload = envelope(new_event_id(), "course.generation.completed", json::array{});
    EXPECT_EQ(post_event(no_payload).status, 422);
    auto no_id = envelope("", "course.generation.completed", generation_payload("c-bad"));
    no_id.erase("id");
    auto missing_id = post_event(no_id);
    EXPECT_EQ(missing_id.status, 422);
    EXPECT_THAT(error_fields(missing_id), ::testing::Contains("id"));
}

TEST_P(EventsIngestHttpTest, NeedsAnAdminToken) {
    auto response = get("/api/events");  // warm the connection; GET is the event log
    auto anonymous = client_->request(
        "POST", "/api/events", json::serialize(envelope(new_event_id(), "x.y", json::object{})),
        {{"Content-Type", "application/json"}});
    EXPECT_EQ(anonymous.status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventsIngestHttpTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
