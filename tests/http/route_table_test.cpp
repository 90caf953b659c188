// The route table's own consistency: names, patterns, answers, and the slugs its literal
// segments reserve.
#include "http/route_table.hpp"
#include "domain/slug.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace coursedist::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    path.remove_prefix(1);
    while (!path.empty()) {
        const auto slash = path.find('/');
        out.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return out;
}

bool is_capture(std::string_view segment) {
    return segment.starts_with('{');
}

TEST(RouteTable, OperationIdsAreUniqueAndEveryRouteIsFindableByIt) {
    std::set<std::string_view> seen;
    for (const auto& route : route_table()) {
        EXPECT_TRUE(seen.insert(route.operation_id).second) << route.operation_id;
        EXPECT_EQ(find_route(route.operation_id), &route);
    }
    EXPECT_EQ(find_route("noSuchOperation"), nullptr);
}

TEST(RouteTable, EachMethodAndPathIsDeclaredOnce) {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const auto& route : route_table()) {
        EXPECT_TRUE(seen.insert({route.method, route.path}).second)
            << route.method << " " << route.path;
        if (route.head) {
            EXPECT_EQ(route.method, "GET") << route.operation_id;
            EXPECT_TRUE(seen.insert({"HEAD", route.path}).second) << route.path;
        }
    }
}

TEST(RouteTable, EveryRouteIsDescribed) {
    const std::set<std::string_view> methods{"GET", "POST", "PUT", "DELETE"};
    for (const auto& route : route_table()) {
        SCOPED_TRACE(std::string(route.operation_id));
        EXPECT_TRUE(methods.contains(route.method));
        EXPECT_TRUE(route.path.starts_with('/'));
        EXPECT_FALSE(route.summary.empty());
        EXPECT_FALSE(route.tag.empty());
        bool success = false;
        for (const auto& answer : route.answers) {
            EXPECT_FALSE(answer.description.empty());
            if (answer.status >= 200 && answer.status < 400) success = true;
            const bool json = answer.body.kind == BodyKind::Json ||
                              answer.body.kind == BodyKind::JsonArray ||
                              answer.body.kind == BodyKind::JsonPage;
            EXPECT_EQ(json, !answer.body.schema.empty()) << answer.status;
        }
        EXPECT_TRUE(success) << "no successful answer";
        if (route.request.kind != BodyKind::None) {
            EXPECT_FALSE(route.request.schema.empty());
        }
        // A counted visitor request is a page or a public route (BRAiN's public detail and
        // track-enrollment); admin counters are not limited.
        if (route.limit == Limit::VisitorCounter) {
            EXPECT_TRUE(route.access == Access::Page || route.access == Access::Public);
        }
    }
}

// A literal segment at the place where another route of the same shape captures a slug would
// shadow that slug (SPEC section 2: the words used by routes are refused as slugs).
TEST(RouteTable, LiteralsBesideASlugCaptureAreReservedSlugs) {
    int checked = 0;
    for (const auto& a : route_table()) {
        const auto literal_path = segments(a.path);
        for (const auto& b : route_table()) {
            const auto capture_path = segments(b.path);
            if (literal_path.size() != capture_path.size()) continue;
            for (std::size_t i = 0; i < literal_path.size(); ++i) {
                const auto literal = literal_path[i];
                const auto capture = capture_path[i];
                if (capture == "{slug}" || capture == "{key}") {
                    if (!is_capture(literal)) {
                        EXPECT_TRUE(domain::is_reserved_slug(literal))
                            << literal << " (" << a.path << " beside " << b.path << ")";
                        ++checked;
                    }
                }
                const bool same =
                    literal == capture || (is_capture(literal) && is_capture(capture));
                if (!same) break;
            }
        }
    }
    EXPECT_GT(checked, 0);
}

// BRAiN's routes (spec/brain-routes.md) are all kept for its callers, each naming a current
// route of the same method that replaces it.
TEST(RouteTable, EveryBrainRouteNamesTheCurrentRouteThatReplacesIt) {
    int brain = 0;
    for (const auto& route : route_table()) {
        SCOPED_TRACE(std::string(route.operation_id));
        const bool kept_for_brain = route.path.starts_with("/api/courses/");
        EXPECT_EQ(kept_for_brain, !route.replaced_by.empty());
        if (!kept_for_brain) continue;
        ++brain;
        const Route* successor = find_route(route.replaced_by);
        ASSERT_NE(successor, nullptr);
        EXPECT_TRUE(successor->replaced_by.empty());
        EXPECT_EQ(successor->method, route.method);
    }
    EXPECT_EQ(brain, 11);
}

}  // namespace
}  // namespace coursedist::http
