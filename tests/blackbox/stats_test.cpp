// Black-box: the stats routes (spec/analytics.md, "Time series") on each backend, over views and
// clicks counted through the admin API. Counts are written now, so the data assertions query
// ranges that include today; the DST shapes (number of buckets and their starts) use fixed dates.
// One service per backend: everything is asserted in one test.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

class StatsTest : public ApiTest {
  protected:
    std::string course(const std::string& slug) {
        auto d = create_course("Stats course " + slug, {{"slug", slug}});
        return std::string(d.at("distribution_id").as_string());
    }

    void views(const std::string& id, int n, const std::string& category = {}) {
        json::object body;
        if (!category.empty()) body["referrer_category"] = category;
        for (int i = 0; i < n; ++i)
            ASSERT_EQ(admin_json("POST", "/api/distributions/" + id + "/log-view", body).status,
                      200);
    }

    void clicks(const std::string& id, int n, const std::string& cta_type) {
        for (int i = 0; i < n; ++i)
            ASSERT_EQ(admin_json("POST", "/api/distributions/" + id + "/track-click",
                                 json::object{{"cta_type", cta_type}})
                          .status,
                      200);
    }

    json::object stats(const std::string& target) {
        auto r = admin("GET", target);
        EXPECT_EQ(r.status, 200) << target << ": " << r.body;
        EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
        return parse_object(r.body);
    }

    static std::int64_t sum(const json::object& answer, const char* member) {
        std::int64_t total = 0;
        for (const auto& point : answer.at("series").as_array())
            total += point.at(member).as_int64();
        return total;
    }

    static std::vector<std::string> starts(const json::object& answer) {
        std::vector<std::string> out;
        for (const auto& point : answer.at("series").as_array())
            out.emplace_back(point.at("start").as_string());
        return out;
    }

    // The failing parameters of a 422 answer.
    std::vector<std::string> refused(const std::string& target) {
        auto r = admin("GET", target);
        EXPECT_EQ(r.status, 422) << target << ": " << r.body;
        EXPECT_EQ(r.header("content-type"), "application/problem+json");
        auto fields = error_fields(r);
        std::sort(fields.begin(), fields.end());
        return fields;
    }
};

TEST_P(StatsTest, SeriesTotalsBreakdownsTopAndRefusedParameters) {
    const auto a = course("stats-beta");
    const auto b = course("stats-alpha");
    const auto c = course("stats-gamma");
    views(a, 2, "organic_search");
    views(a, 1);
    clicks(a, 2, "open_course");
    views(b, 3, "social");
    clicks(b, 1, "contact");
    clicks(c, 1, "open_course");

    // 30 daily buckets (zeros included), the counts of today in them.
    const auto daily = stats("/api/distributions/" + a + "/stats");
    EXPECT_EQ(daily.at("distribution_id"), json::value(a));
    EXPECT_EQ(daily.at("granularity"), "day");
    EXPECT_EQ(daily.at("tz"), "UTC");
    ASSERT_EQ(daily.at("series").as_array().size(), 30u);
    const std::string today(daily.at("to").as_string());
    EXPECT_EQ(starts(daily).back(), today + "T00:00:00+00:00");
    EXPECT_EQ(sum(daily, "views"), 3);
    EXPECT_EQ(sum(daily, "clicks"), 2);
    EXPECT_EQ(daily.at("totals"),
              (json::value{{"views", 3}, {"clicks", 2}, {"click_through_rate", 0.6667}}));
    EXPECT_EQ(daily.at("views_by_referrer"), (json::value{{"organic_search", 2}, {"unknown", 1}}));
    EXPECT_EQ(daily.at("clicks_by_cta"), (json::value{{"open_course", 2}}));

    // 24 hourly buckets of today.
    const auto hourly =
        stats("/api/distributions/" + b + "/stats?granularity=hour&from=" + today + "&to=" + today);
    ASSERT_EQ(hourly.at("series").as_array().size(), 24u);
    EXPECT_EQ(starts(hourly)[13], today + "T13:00:00+00:00");
    EXPECT_EQ(sum(hourly, "views"), 3);
    EXPECT_EQ(hourly.at("views_by_referrer"), (json::value{{"social", 3}}));

    // No views: no click-through rate.
    const auto clicks_only = stats("/api/distributions/" + c + "/stats");
    EXPECT_EQ(clicks_only.at("totals"),
              (json::value{{"views", 0}, {"clicks", 1}, {"click_through_rate", nullptr}}));
    EXPECT_EQ(clicks_only.at("views_by_referrer"), json::object{});

    // The catalog: every distribution, by day, the most viewed first, ties by slug.
    const auto catalog = stats("/api/stats");
    ASSERT_EQ(catalog.at("series").as_array().size(), 30u);
    EXPECT_EQ(catalog.at("to"), json::value(today));
    EXPECT_EQ(catalog.at("totals"),
              (json::value{{"views", 6}, {"clicks", 4}, {"click_through_rate", 0.6667}}));
    const auto& top = catalog.at("top").as_array();
    ASSERT_EQ(top.size(), 2u);  // gamma has no views
    EXPECT_EQ(top[0], (json::value{{"distribution_id", b},
                                   {"slug", "stats-alpha"},
                                   {"title", "Stats course stats-alpha"},
                                   {"views", 3},
                                   {"clicks", 1},
                                   {"click_through_rate", 0.3333}}));
    EXPECT_EQ(top[1].at("slug"), "stats-beta");

    // DST: Berlin's 2026-03-29 has 23 hours, 2026-10-25 has 25.
    const auto spring =
        stats("/api/distributions/" + a +
              "/stats?granularity=hour&from=2026-03-29&to=2026-03-29&tz=Europe/Berlin");
    const auto spring_starts = starts(spring);
    ASSERT_EQ(spring_starts.size(), 23u);
    EXPECT_EQ(spring_starts[1], "2026-03-29T01:00:00+01:00");
    EXPECT_EQ(spring_starts[2], "2026-03-29T03:00:00+02:00");
    const auto autumn =
        stats("/api/distributions/" + a +
              "/stats?granularity=hour&from=2026-10-25&to=2026-10-25&tz=Europe/Berlin");
    const auto autumn_starts = starts(autumn);
    ASSERT_EQ(autumn_starts.size(), 25u);
    EXPECT_EQ(autumn_starts[2], "2026-10-25T02:00:00+02:00");
    EXPECT_EQ(autumn_starts[3], "2026-10-25T02:00:00+01:00");
    const auto days = stats("/api/stats?from=2026-10-24&to=2026-10-26&tz=Europe/Berlin");
    EXPECT_EQ(starts(days),
              (std::vector<std::string>{"2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00",
                                        "2026-10-26T00:00:00+01:00"}));

    // 422 naming every bad parameter; 404 for an unknown distribution.
    const auto one = "/api/distributions/" + a + "/stats";
    using Fields = std::vector<std::string>;
    EXPECT_EQ(refused(one + "?granularity=week"), Fields{"granularity"});
    EXPECT_EQ(refused(one + "?tz=Mars/Olympus_Mons"), Fields{"tz"});
    EXPECT_EQ(refused(one + "?from=2026-02-30"), Fields{"from"});
    EXPECT_EQ(refused(one + "?from=2026-03-02&to=2026-03-01"), Fields{"from"});
    EXPECT_EQ(refused(one + "?granularity=hour&from=2026-01-01&to=2026-02-01"), Fields{"to"});
    EXPECT_EQ(refused("/api/stats?from=2025-01-01&to=2026-02-05"), Fields{"to"});
    EXPECT_EQ(refused(one + "?from=x&to=y&granularity=minute&tz=Nowhere"),
              (Fields{"from", "granularity", "to", "tz"}));
    EXPECT_EQ(admin("GET", "/api/distributions/dist_ffffffffffffffff/stats").status, 404);
    EXPECT_EQ(get("/api/stats").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
