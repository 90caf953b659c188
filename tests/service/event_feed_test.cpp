// The event feed against a real SQLite store: waits are answered by commits through the service,
// by what is there already, or by a heartbeat; cancelled waits are not answered.

#include "service/event_feed.hpp"

#include "service/distribution_service.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <optional>

namespace coursedist::service {
namespace {

using coursedist::testing::eventually;
using namespace std::chrono_literals;

// What a wait was answered with, from the feed's thread.
class Answers {
  public:
    EventFeed::Answer answer(std::size_t i) {
        return [this, i](std::vector<LoggedEvent> events) {
            std::lock_guard lock(mutex_);
            got_.at(i) = std::move(events);
        };
    }
    explicit Answers(std::size_t n) : got_(n) {}
    std::optional<std::vector<LoggedEvent>> got(std::size_t i) {
        std::lock_guard lock(mutex_);
        return got_.at(i);
    }
    bool all_answered() {
        std::lock_guard lock(mutex_);
        for (const auto& g : got_)
            if (!g) return false;
        return true;
    }

  private:
    std::mutex mutex_;
    std::vector<std::optional<std::vector<LoggedEvent>>> got_;
};

class EventFeedTest : public ::testing::Test {
  protected:
    EventFeedTest()
        : store(storage::open_sqlite_store(dir.file("db.sqlite"), 2)),
          service((store->migrate(), *store), metrics) {}

    std::string create(const std::string& course_id) {
        domain::CreateRequest request;
        request.course_id = course_id;
        request.language = "en";
        request.title = "Saving money for " + course_id;
        request.description = "A course long enough to be valid, about saving money every month.";
        request.target_group = {"students"};
        return service.create(request, {}).distribution_id;
    }

    // An event written straight to the outbox, as another instance sharing the database would.
    void append_elsewhere(const std::string& type) {
        auto tx = store->begin_write();
        storage::OutboxEvent e;
        e.event_id = "elsewhere-" + type;
        e.event_type = type;
        e.envelope_json = "{}";
        e.created_at = system_clock_now();
        tx->append_outbox(e);
        tx->commit();
    }

    std::int64_t last_seq() {
        auto events = EventFeed::create(service)->after(0, 10'000);
        return events.empty() ? 0 : events.back().seq;
    }

    storage::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    Metrics metrics;
    DistributionService service;
};

TEST_F(EventFeedTest, PagesAfterAPosition) {
    create("c1");
    create("c2");
    auto feed = EventFeed::create(service);
    const auto all = feed->after(0, 100);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].type, "distribution.created");
    EXPECT_LT(all[0].seq, all[1].seq);
    EXPECT_NE(all[0].envelope_json.find("\"type\":\"distribution.created\""), std::string::npos);
    const auto rest = feed->after(all[0].seq, 100);
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].seq, all[1].seq);
    EXPECT_EQ(feed->after(0, 1).size(), 1u);
}

// Many waits at the current end of the log, with no heartbeat in sight, are all answered by the
// next commit through the service.
TEST_F(EventFeedTest, ACommitAnswersEveryWaitAtTheEnd) {
    create("c1");
    const auto end = last_seq();
    auto feed = EventFeed::create(service, {.heartbeat = 1h, .batch = 100});
    constexpr std::size_t kWaits = 64;
    Answers answers(kWaits);
    for (std::size_t i = 0; i < kWaits; ++i) feed->wait(end, answers.answer(i));
    create("c2");
    ASSERT_TRUE(eventually([&] { return answers.all_answered(); }));
    for (std::size_t i = 0; i < kWaits; ++i) {
        const auto events = *answers.got(i);
        ASSERT_EQ(events.size(), 1u);
        EXPECT_GT(events[0].seq, end);
        EXPECT_EQ(events[0].type, "distribution.created");
    }
}

TEST_F(EventFeedTest, AWaitBehindTheEndIsAnsweredAtOnceInBatches) {
    create("c1");
    create("c2");
    create("c3");
    auto feed = EventFeed::create(service, {.heartbeat = 1h, .batch = 2});
    Answers answers(1);
    feed->wait(0, answers.answer(0));
    ASSERT_TRUE(eventually([&] { return answers.all_answered(); }));
    EXPECT_EQ(answers.got(0)->size(), 2u);
}

TEST_F(EventFeedTest, AnIdleWaitEndsWithAHeartbeatThatAlsoSeesOtherWriters) {
    create("c1");
    const auto end = last_seq();
    auto feed = EventFeed::create(service, {.heartbeat = 100ms, .batch = 100});
    Answers idle(1);
    feed->wait(end, idle.answer(0));
    ASSERT_TRUE(eventually([&] { return idle.all_answered(); }));
    EXPECT_TRUE(idle.got(0)->empty());

    // Not committed through this service: found when the heartbeat looks.
    append_elsewhere("course.elsewhere");
    Answers elsewhere(1);
    feed->wait(end, elsewhere.answer(0));
    ASSERT_TRUE(eventually([&] { return elsewhere.all_answered(); }));
    ASSERT_EQ(elsewhere.got(0)->size(), 1u);
    EXPECT_EQ(elsewhere.got(0)->front().type, "course.elsewhere");
}

TEST_F(EventFeedTest, ACancelledWaitIsNotAnswered) {
    create("c1");
    const auto end = last_seq();
    auto feed = EventFeed::create(service, {.heartbeat = 1h, .batch = 100});
    Answers answers(2);
    const auto cancelled = feed->wait(end, answers.answer(0));
    feed->cancel(cancelled);
    feed->wait(end, answers.answer(1));
    create("c2");
    ASSERT_TRUE(eventually([&] { return answers.got(1).has_value(); }));
    EXPECT_FALSE(answers.got(0).has_value());
}

TEST_F(EventFeedTest, AFeedGoneBeforeTheServiceIsNotCalled) {
    Answers answers(1);
    {
        auto feed = EventFeed::create(service);
        feed->wait(0, answers.answer(0));  // dropped unanswered with the feed, or answered
    }
    EXPECT_FALSE(create("after-the-feed").empty());  // the commit hook finds no feed
}

}  // namespace
}  // namespace coursedist::service
