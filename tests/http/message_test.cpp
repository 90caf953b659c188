#include "http/message.hpp"

#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

TEST(Message, JsonResponseSetsStatusBodyAndContentType) {
    const auto response = json_response(201, R"({"a":1})");
    EXPECT_EQ(response.status, 201);
    EXPECT_EQ(response.body, R"({"a":1})");
    EXPECT_EQ(response.header("content-type"), "application/json; charset=utf-8");
    EXPECT_FALSE(response.stream);
    EXPECT_FALSE(response.close_connection);
}

TEST(Message, TextResponseUsesGivenContentType) {
    const auto response = text_response(200, "<p>hi</p>", "text/html; charset=utf-8");
    EXPECT_EQ(response.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(response.body, "<p>hi</p>");
}

TEST(Message, SetReplacesHeaderCaseInsensitively) {
    Response response;
    response.set("ETag", "\"1\"").set("Cache-Control", "no-cache");
    response.set("etag", "\"2\"");
    ASSERT_EQ(response.headers.size(), 2u);
    EXPECT_EQ(response.header("ETAG"), "\"2\"");
    EXPECT_EQ(response.header("cache-control"), "no-cache");
    EXPECT_FALSE(response.header("location").has_value());
}

TEST(Message, RequestHeaderAndQueryLookup) {
    Request request;
    request.headers = {{"x-request-id", "abc"}, {"if-match", "\"e\""}};
    request.query = {{"limit", "10"}, {"q", "c++"}, {"limit", "20"}};
    EXPECT_EQ(request.header("x-request-id"), "abc");
    EXPECT_EQ(request.header("if-match"), "\"e\"");
    EXPECT_FALSE(request.header("authorization").has_value());
    EXPECT_EQ(request.query_param("limit"), "10");  // the first one wins
    EXPECT_EQ(request.query_param("q"), "c++");
    EXPECT_FALSE(request.query_param("cursor").has_value());
}

}  // namespace
}  // namespace coursedist::http
