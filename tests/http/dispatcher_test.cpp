// The dispatcher's mapping of what handlers throw to problem+json, for plain and deferred
// responses, and its 404/405 and metrics.
#include "http/dispatcher.hpp"
#include "http/problem.hpp"
#include "service/errors.hpp"
#include "support/deferred.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <functional>

namespace coursedist::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class DispatcherTest : public ::testing::Test {
  protected:
    // Routes GET /fail to a handler that calls `fail`, and GET /later to a deferred response
    // whose making calls it.
    void route(std::function<void()> fail) {
        router.add("GET", "/fail", [fail](const Request&, const PathParams&) -> Response {
            fail();
            return json_response(200, "{}");
        });
        router.add("GET", "/later", [fail](const Request&, const PathParams&) {
            return deferred_response([fail](FinishResponse finish) {
                finish([fail]() -> Response {
                    fail();
                    return json_response(200, "{}");
                });
            });
        });
    }

    Response get(std::string path) {
        Request request;
        request.method = "GET";
        request.path = std::move(path);
        request.target = request.path;
        request.request_id = "req-1";
        return coursedist::testing::settle(Dispatcher(router, metrics)(request));
    }

    // Both ways of answering give the same status; returns the plain one.
    Response both(int status) {
        auto deferred = get("/later");
        EXPECT_EQ(deferred.status, status) << deferred.body;
        auto plain = get("/fail");
        EXPECT_EQ(plain.status, status) << plain.body;
        EXPECT_EQ(plain.header("Content-Type"), "application/problem+json");
        return plain;
    }

    Router router;
    service::Metrics metrics;
};

TEST_F(DispatcherTest, ValidationFailuresAre422WithEveryField) {
    route([] { throw service::ValidationFailed({{"title", "too short"}, {"slug", "taken"}}); });
    auto r = both(422);
    auto problem = boost::json::parse(r.body).as_object();
    EXPECT_EQ(problem.at("errors").as_array().size(), 2u);
}

TEST_F(DispatcherTest, ServiceErrorsMapToTheirStatus) {
    route([] { throw service::NotFound("no distribution dist_0123456789abcdef"); });
    EXPECT_THAT(both(404).body, Not(HasSubstr("dist_0123456789abcdef")));
}

TEST_F(DispatcherTest, ConflictIs409WithItsReason) {
    route([] { throw service::Conflict("slug 'taken-slug' is taken"); });
    EXPECT_THAT(both(409).body, HasSubstr("taken-slug"));
}

TEST_F(DispatcherTest, PreconditionFailedIs412) {
    route([] { throw service::PreconditionFailed("changed meanwhile"); });
    both(412);
}

TEST_F(DispatcherTest, UnavailableStorageIs503WithRetryAfter) {
    route([] { throw service::Unavailable("connection refused to db.internal:5432"); });
    auto r = both(503);
    EXPECT_EQ(r.header("Retry-After"), "1");
    EXPECT_THAT(r.body, Not(HasSubstr("db.internal")));
}

TEST_F(DispatcherTest, HttpErrorsKeepTheirStatusAnd401AsksForTheBearerToken) {
    route([] { throw HttpError(401, "missing or wrong token"); });
    auto r = both(401);
    EXPECT_THAT(std::string(r.header("WWW-Authenticate").value_or("")), HasSubstr("Bearer"));
}

TEST_F(DispatcherTest, AnythingElseIsA500ThatShowsNoInternals) {
    route([] { throw std::runtime_error("SQLITE_CORRUPT at /var/lib/secret.db"); });
    auto r = both(500);
    EXPECT_THAT(r.body, Not(HasSubstr("secret")));
    EXPECT_THAT(r.body, HasSubstr("X-Request-ID"));
}

TEST_F(DispatcherTest, UnknownPathsAre404AndOtherMethods405WithAllow) {
    route([] {});
    EXPECT_EQ(get("/nothing").status, 404);
    Request post;
    post.method = "POST";
    post.path = "/fail";
    auto r = Dispatcher(router, metrics)(post);
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("Allow"), "GET");
}

TEST_F(DispatcherTest, EveryAnswerIsCountedUnderItsRoute) {
    route([] { throw service::NotFound("x"); });
    get("/fail");
    get("/later");
    get("/nothing");
    const auto text = metrics.render();
    EXPECT_THAT(text, HasSubstr("route=\"/fail\",method=\"GET\",status=\"404\"} 1"));
    EXPECT_THAT(text, HasSubstr("route=\"/later\",method=\"GET\",status=\"404\"} 1"));
    EXPECT_THAT(text, HasSubstr("route=\"unmatched\",method=\"GET\",status=\"404\"} 1"));
}

}  // namespace
}  // namespace coursedist::http
