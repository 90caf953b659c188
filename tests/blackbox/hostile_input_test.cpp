// Black-box: hostile request bodies (issue 7). 600 random and malformed bodies across every route
// and method never get a 5xx and never stop the service; the routes that decode a body refuse
// each with a 4xx; invalid UTF-8 in any string field is a 422 naming that field.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <functional>
#include <random>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::Contains;

constexpr std::uint32_t kSeed = 20240607;  // fixed: a failure replays exactly
constexpr int kBodies = 600;

struct Route {
    std::string method;
    std::string target;
    bool decodes_body;  // every generated body is invalid here: the answer must be 4xx
};

// {"a":{"a":…1…}}, `depth` objects deep.
std::string deep_objects(int depth) {
    std::string body;
    for (int i = 0; i < depth; ++i) body += "{\"a\":";
    return body + "1" + std::string(depth, '}');
}

// Bodies that no route may accept, each generated from the PRNG.
class HostileBodies {
  public:
    explicit HostileBodies(std::uint32_t seed) : random_(seed) {}

    std::string next() {
        static const std::vector<std::function<std::string(HostileBodies&)>> kinds = {
            [](auto&) { return std::string(); },
            [](auto&) { return std::string("null"); },
            [](auto& self) { return "[" + self.scalar() + "," + self.scalar() + "]"; },
            [](auto& self) { return self.scalar(); },
            [](auto& self) { return R"({"title":)" + self.scalar() + R"(,"target_group":7})"; },
            [](auto& self) { return self.invalid_utf8_object(); },
            [](auto&) { return std::string(R"({"title":"\ud800","description":"\udfff x"})"); },
            [](auto&) { return std::string(200, '[') + std::string(200, ']'); },
            [](auto&) { return deep_objects(200); },
            [](auto& self) {
                return R"({"title":")" + std::string(5000, self.letter()) + R"(","x":1})";
            },
            [](auto& self) {
                return R"({"description":")" + std::string(5000, 'd') + "\"," +
                       R"("unknown_field_)" + std::to_string(self.number()) + R"(":true})";
            },
            [](auto& self) { return self.truncated(); },
            [](auto& self) { return self.random_bytes(); },
        };
        const auto& kind =
            kinds[std::uniform_int_distribution<std::size_t>(0, kinds.size() - 1)(random_)];
        return kind(*this);
    }

    std::size_t pick(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
    }

  private:
    int number() { return std::uniform_int_distribution<int>(0, 1'000'000)(random_); }
    char letter() { return static_cast<char>('a' + pick(26)); }
    std::string scalar() {
        switch (pick(5)) {
            case 0:
                return std::to_string(number());
            case 1:
                return "true";
            case 2:
                return "1e999";
            case 3:
                return "-0.0";
            default:
                return "\"" + std::string(pick(20), letter()) + "\"";
        }
    }
    std::string invalid_utf8_object() {
        static const char* const kBad[] = {"\xff", "\xc3", "\xed\xa0\x80", "\xc0\xaf",
                                           "\xf8\x88\x80"};
        return R"({"title":"Kurs )" + std::string(kBad[pick(std::size(kBad))]) +
               R"(","course_id":7,"language":"xx"})";
    }
    std::string truncated() {
        const std::string whole =
            R"({"course_id":"c","language":"de","title":"Ein Titel","target_group":["a"]})";
        return whole.substr(0, 1 + pick(whole.size() - 1));
    }
    std::string random_bytes() {
        std::string bytes(1 + pick(300), '\0');
        for (auto& b : bytes) b = static_cast<char>(pick(256));
        return bytes;
    }

    std::mt19937 random_;
};

class HostileInputTest : public ApiTest {};

TEST_P(HostileInputTest, SixHundredHostileBodiesGetOnly4xxAndTheServiceStaysUp) {
    auto course = create_course("Course facing hostile bodies");
    const std::string id(course.at("distribution_id").as_string());
    const std::string slug(course.at("slug").as_string());
    const std::string api = "/api/distributions/";
    const std::vector<Route> routes = {
        {"POST", api + "create", true},
        {"PUT", api + id, true},
        {"POST", api + id + "/variants", true},
        {"POST", api + id + "/log-view", false},  // a `null` body is an absent optional body
        {"POST", api + id + "/track-click", false},
        {"POST", api + id + "/version-bump", false},
        {"POST", "/api/events", true},
        {"PUT", api + "dist_0000000000000000", false},  // 404 may come before the body
        {"POST", api + "no-such-thing/publish", false},
        {"POST", api + id + "/unpublish", false},
        {"DELETE", api + "dist_ffffffffffffffff", false},
        {"GET", api + "catalog", false},
        {"GET", api + slug, false},
        {"GET", api + id, false},
        {"GET", api + id + "/changelog", false},
        {"GET", "/api/events", false},
        {"GET", "/courses", false},
        {"GET", "/courses/" + slug + "/enroll", false},
        {"PATCH", api + id, false},
        {"POST", "/healthz", false},
        {"OPTIONS", "/", false},
    };

    HostileBodies bodies(kSeed);
    for (int i = 0; i < kBodies; ++i) {
        const auto& route = routes[bodies.pick(routes.size())];
        const auto body = bodies.next();
        std::vector<std::pair<std::string, std::string>> headers{
            {"Authorization", service_->auth_header()}};
        // Mostly JSON so bodies reach the decoders; sometimes no or a wrong content type.
        if (const auto kind = bodies.pick(10); kind < 8) {
            headers.emplace_back("Content-Type", "application/json");
        } else if (kind == 8) {
            headers.emplace_back("Content-Type", "text/plain");
        }
        HttpClient client(service_->port());
        const auto response = client.request(route.method, route.target, body, headers);
        SCOPED_TRACE("body #" + std::to_string(i) + " " + route.method + " " + route.target);
        EXPECT_LT(response.status, 500) << response.body;
        EXPECT_GE(response.status, 100);
        if (route.decodes_body) {
            EXPECT_GE(response.status, 400) << body.substr(0, 200);
            EXPECT_EQ(response.header("content-type"), "application/problem+json");
        }
        if (::testing::Test::HasFailure()) break;  // one report, not six hundred
    }
    EXPECT_EQ(get("/healthz").status, 200);
    EXPECT_EQ(get("/readyz").status, 200);
}

// Each string field of each body type with one invalid byte: 422, and the field is named.
TEST_P(HostileInputTest, InvalidUtf8InAnyStringFieldIs422NamingTheField) {
    auto course = create_course("Course receiving invalid bytes");
    const std::string id(course.at("distribution_id").as_string());
    const std::string bad = "Kurs \xff\xfe mit kaputten Bytes und genug Text";

    const json::object seo{{"meta_title", "A fine meta title"},
                           {"meta_description", long_description("meta descriptions")},
                           {"keywords", json::array{"k"}}};
    const json::object cta{
        {"label", "Start now"}, {"action", "custom"}, {"url", "https://example.com/go"}};
    const json::object outline{
        {"modules", json::array{json::object{{"module_id", "m1"},
                                             {"title", "Module"},
                                             {"description", "What it covers"},
                                             {"chapter_count", 1},
                                             {"estimated_duration_minutes", 5}}}},
        {"prerequisites", json::array{"none"}},
        {"learning_outcomes", json::array{"some"}}};
    const json::object create{{"course_id", "course-utf8"},
                              {"language", "en"},
                              {"title", "A course with bytes"},
                              {"description", long_description("bytes")},
                              {"target_group", json::array{"developers"}},
                              {"slug", "course-with-bytes"},
                              {"seo", seo},
                              {"cta", cta},
                              {"outline", outline}};

    struct Case {
        std::string method;
        std::string target;
        json::object body;
        std::string field;  // as the problem's errors name it
    };
    // Replaces the value at a dotted path (array indexes as numbers) by the invalid string.
    auto with_bad = [&](json::object body, const std::vector<std::string>& path) {
        json::value* at = &body.at(path[0]);
        for (std::size_t i = 1; i < path.size(); ++i) {
            at = at->is_array() ? &at->as_array().at(std::stoul(path[i]))
                                : &at->as_object().at(path[i]);
        }
        *at = json::string(bad);
        return body;
    };
    const std::string api = "/api/distributions/";
    std::vector<Case> cases = {
        {"POST", api + "create", with_bad(create, {"course_id"}), "course_id"},
        {"POST", api + "create", with_bad(create, {"title"}), "title"},
        {"POST", api + "create", with_bad(create, {"description"}), "description"},
        {"POST", api + "create", with_bad(create, {"language"}), "language"},
        {"POST", api + "create", with_bad(create, {"slug"}), "slug"},
        {"POST", api + "create", with_bad(create, {"target_group", "0"}), "target_group[0]"},
        {"POST", api + "create", with_bad(create, {"seo", "meta_title"}), "seo.meta_title"},
        {"POST", api + "create", with_bad(create, {"seo", "keywords", "0"}), "seo.keywords[0]"},
        {"POST", api + "create", with_bad(create, {"cta", "label"}), "cta.label"},
        {"POST", api + "create", with_bad(create, {"cta", "url"}), "cta.url"},
        {"POST", api + "create", with_bad(create, {"outline", "modules", "0", "title"}),
         "outline.modules[0].title"},
        {"POST", api + "create", with_bad(create, {"outline", "learning_outcomes", "0"}),
         "outline.learning_outcomes[0]"},
        {"PUT", api + id, json::object{{"title", bad}}, "title"},
        {"PUT", api + id, json::object{{"description", bad}}, "description"},
        {"POST", api + id + "/variants",
         json::object{{"target_group", json::array{"ok"}}, {"title_override", bad}},
         "title_override"},
        {"POST", api + id + "/variants", json::object{{"target_group", json::array{bad}}},
         "target_group[0]"},
        {"POST", api + id + "/log-view", json::object{{"referrer_category", bad}},
         "referrer_category"},
        {"POST", api + id + "/track-click", json::object{{"cta_type", bad}}, "cta_type"},
        {"POST", api + id + "/version-bump", json::object{{"changelog", bad}}, "changelog"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.method + " " + c.target + " " + c.field);
        const auto response = admin_json(c.method, c.target, c.body);
        EXPECT_EQ(response.status, 422) << response.body;
        EXPECT_THAT(error_fields(response), Contains(c.field)) << response.body;
    }
    EXPECT_EQ(get("/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileInputTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
