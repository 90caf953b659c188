#include "http/router.hpp"

#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

Handler named(std::string name) {
    return [name](const Request&, const PathParams&) { return json_response(200, name); };
}

std::string call(const RouteMatch& match) {
    if (match.handler == nullptr) return "<none>";
    return (*match.handler)(Request{}, match.params).body;
}

class RouterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        router.add("GET", "/", named("root"));
        router.add("GET", "/api/distributions/catalog", named("catalog"));
        router.add("GET", "/api/distributions/{id}", named("get"));
        router.add("PUT", "/api/distributions/{id}", named("put"));
        router.add("DELETE", "/api/distributions/{id}", named("delete"));
        router.add("POST", "/api/distributions/{id}/publish", named("publish"));
        router.add("POST", "/api/distributions/create", named("create"));
    }
    Router router;
};

TEST_F(RouterTest, MatchesLiteralRoutes) {
    const auto match = router.match("GET", "/api/distributions/catalog");
    EXPECT_EQ(call(match), "catalog");
    EXPECT_EQ(match.pattern, "/api/distributions/catalog");
    EXPECT_TRUE(match.params.empty());
    EXPECT_TRUE(match.allow.empty());
}

TEST_F(RouterTest, CapturesOneSegment) {
    const auto match = router.match("POST", "/api/distributions/dist_0123456789abcdef/publish");
    EXPECT_EQ(call(match), "publish");
    EXPECT_EQ(match.pattern, "/api/distributions/{id}/publish");
    ASSERT_EQ(match.params.count("id"), 1u);
    EXPECT_EQ(match.params.at("id"), "dist_0123456789abcdef");
}

TEST_F(RouterTest, LiteralBeatsCaptureWhateverTheRegistrationOrder) {
    EXPECT_EQ(call(router.match("GET", "/api/distributions/catalog")), "catalog");
    EXPECT_EQ(call(router.match("GET", "/api/distributions/my-course")), "get");

    Router reversed;
    reversed.add("GET", "/x/{a}/{b}", named("capture-capture"));
    reversed.add("GET", "/x/{a}/lit", named("capture-literal"));
    reversed.add("GET", "/x/lit/{b}", named("literal-capture"));
    EXPECT_EQ(call(reversed.match("GET", "/x/lit/lit")), "literal-capture");
    EXPECT_EQ(call(reversed.match("GET", "/x/other/lit")), "capture-literal");
    EXPECT_EQ(call(reversed.match("GET", "/x/other/other")), "capture-capture");
}

TEST_F(RouterTest, CaptureNeedsANonEmptySegment) {
    EXPECT_EQ(router.match("GET", "/api/distributions//publish").handler, nullptr);
    EXPECT_EQ(router.match("POST", "/api/distributions//publish").handler, nullptr);
}

TEST_F(RouterTest, TrailingSlashIsNotSignificant) {
    EXPECT_EQ(call(router.match("GET", "/api/distributions/catalog/")), "catalog");
    EXPECT_EQ(call(router.match("GET", "/api/distributions/abc/")), "get");
    EXPECT_EQ(call(router.match("GET", "/")), "root");
}

TEST_F(RouterTest, RootIsOnlyTheRoot) {
    EXPECT_EQ(router.match("GET", "/api").handler, nullptr);
    EXPECT_TRUE(router.match("GET", "/api").allow.empty());
}

TEST_F(RouterTest, UnknownPathHasNoHandlerAndNoAllow) {
    const auto match = router.match("GET", "/nope/nothing");
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_TRUE(match.allow.empty());
    EXPECT_EQ(router.match("GET", "/api/distributions/a/b/c").handler, nullptr);
}

TEST_F(RouterTest, OtherMethodsGiveAllowList) {
    const auto match = router.match("PATCH", "/api/distributions/abc");
    EXPECT_EQ(match.handler, nullptr);
    EXPECT_EQ(match.allow, (std::vector<std::string>{"DELETE", "GET", "PUT"}));

    const auto create = router.match("GET", "/api/distributions/create");
    // `create` is also a valid {id} capture for GET, so it is routed there.
    EXPECT_EQ(call(create), "get");

    const auto publish = router.match("GET", "/api/distributions/abc/publish");
    EXPECT_EQ(publish.handler, nullptr);
    EXPECT_EQ(publish.allow, (std::vector<std::string>{"POST"}));
}

TEST_F(RouterTest, MethodIsCaseSensitive) {
    EXPECT_EQ(router.match("get", "/api/distributions/catalog").handler, nullptr);
}

TEST_F(RouterTest, RoutesListsRegistrationOrder) {
    const auto routes = router.routes();
    ASSERT_EQ(routes.size(), 7u);
    EXPECT_EQ(routes.front(), (std::pair<std::string, std::string>{"GET", "/"}));
    EXPECT_EQ(routes[3], (std::pair<std::string, std::string>{"PUT", "/api/distributions/{id}"}));
    EXPECT_EQ(routes.back(),
              (std::pair<std::string, std::string>{"POST", "/api/distributions/create"}));
}

TEST(Router, CapturesSeveralNames) {
    Router router;
    router.add("GET", "/a/{x}/b/{y}", named("xy"));
    const auto match = router.match("GET", "/a/1/b/2");
    EXPECT_EQ(call(match), "xy");
    EXPECT_EQ(match.params.at("x"), "1");
    EXPECT_EQ(match.params.at("y"), "2");
}

TEST(Router, CapturesBetweenAPrefixAndASuffixInsideASegment) {
    Router router;
    router.add("GET", "/sitemap.xml", named("index"));
    router.add("GET", "/sitemap-{page}.xml", named("part"));
    router.add("GET", "/{file}", named("any"));
    const auto part = router.match("GET", "/sitemap-12.xml");
    EXPECT_EQ(call(part), "part");
    EXPECT_EQ(part.params.at("page"), "12");
    EXPECT_EQ(call(router.match("GET", "/sitemap.xml")), "index");
    EXPECT_EQ(call(router.match("GET", "/sitemap-.xml")), "any");  // a capture is never empty
    EXPECT_EQ(call(router.match("GET", "/sitemap-3.txt")), "any");
}

}  // namespace
}  // namespace coursedist::http
