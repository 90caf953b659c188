// Black-box: CTA experiments (issue 16, spec/growth.md "CTA experiments (A/B)") on each backend.
// The server does not trust X-Forwarded-For here (the default), so distinct clients differ by
// User-Agent. Landing pages and enroll links are requested as a browser would; the test keeps
// its own tally of what it sent and compares the experiment's numbers with it, and with
// statistics it computes itself.

#include "support/api_fixture.hpp"
#include "support/eventually.hpp"
#include "support/html_scan.hpp"

#include <gmock/gmock.h>

#include <cmath>
#include <map>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::UnorderedElementsAre;

constexpr int kClients = 2000;
constexpr const char* kSlug = "ab-course";

std::string client_agent(int i) {
    return "Mozilla/5.0 (X11; Linux x86_64) experiment client " + std::to_string(i);
}

json::object variant(const std::string& key, const std::string& label, json::object extra = {}) {
    json::object v{
        {"key", key},
        {"cta",
         {{"label", label}, {"action", "open_course"}, {"url", "https://example.com/" + key}}}};
    for (auto& [name, value] : extra) v[name] = value;
    return v;
}

class ExperimentsTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        // Every request of the test counts (one address, thousands of views).
        options.extra_args = {"--public-rate-limit", "off", "--experiment-secret",
                              "experiments-test-secret"};
    }

    void SetUp() override {
        ApiTest::SetUp();
        auto d = create_course("Experiment course", {{"slug", kSlug},
                                                     {"cta",
                                                      {{"label", "Own CTA"},
                                                       {"action", "open_course"},
                                                       {"url", "https://example.com/own"}}}});
        id_ = std::string(d.at("distribution_id").as_string());
        publish(id_);
    }

    std::string experiments_path() const { return "/api/distributions/" + id_ + "/experiments"; }

    json::object start(json::object body) {
        auto r = admin_json("POST", experiments_path(), body);
        EXPECT_EQ(r.status, 201) << r.body;
        auto e = parse_object(r.body);
        EXPECT_EQ(r.header("location"),
                  "/api/experiments/" + std::string(e.at("experiment_id").as_string()));
        return e;
    }

    json::object experiment(const std::string& experiment_id) {
        auto r = admin("GET", "/api/experiments/" + experiment_id);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse_object(r.body);
    }

    // The landing page as client i sees it: the href of its CTA link.
    std::string cta_href(int client) {
        auto r = get(std::string("/courses/") + kSlug, {{"User-Agent", client_agent(client)}});
        EXPECT_EQ(r.status, 200);
        const auto links = tags_where(html_start_tags(r.body), "a", "id", "cta");
        if (links.empty()) return {};
        return links.front().attribute("href").value_or("");
    }

    // The variant key an enroll href names ("" without one).
    static std::string variant_of(const std::string& href) {
        const auto at = href.find("?v=");
        return at == std::string::npos ? std::string() : href.substr(at + 3);
    }

    HttpResponse enroll(int client, const std::string& key) {
        return get(std::string("/courses/") + kSlug + "/enroll" + (key.empty() ? "" : "?v=" + key),
                   {{"User-Agent", client_agent(client)}});
    }

    json::object distribution() {
        return parse_object(admin("GET", "/api/distributions/" + id_).body);
    }

    // The last seq of the event log now, and the types of the events after a seq (but the
    // counters').
    std::int64_t last_seq() {
        std::int64_t after = 0;
        for (;;) {
            auto page = parse_object(
                admin("GET", "/api/events?limit=1000&after=" + std::to_string(after)).body);
            if (page.at("items").as_array().empty()) return after;
            after = page.at("next_after").as_int64();
        }
    }
    std::vector<std::string> event_types_after(std::int64_t after) {
        std::vector<std::string> out;
        for (;;) {
            auto page = parse_object(
                admin("GET", "/api/events?limit=1000&after=" + std::to_string(after)).body);
            const auto& items = page.at("items").as_array();
            if (items.empty()) return out;
            for (const auto& item : items) {
                const std::string type(item.at("event").at("type").as_string());
                // The counter events of the views and clicks above close on their own time.
                if (type != "distribution.viewed" && type != "distribution.enrollment_clicked")
                    out.push_back(type);
            }
            after = page.at("next_after").as_int64();
        }
    }

    std::string id_;
};

// Wilson's 95 % interval, as the test computes it.
std::pair<double, double> wilson(double clicks, double views) {
    const double z = 1.959963984540054, p = clicks / views;
    const double d = 1 + z * z / views;
    const double centre = (p + z * z / (2 * views)) / d;
    const double half = z * std::sqrt(p * (1 - p) / views + z * z / (4 * views * views)) / d;
    return {centre - half, centre + half};
}

TEST_P(ExperimentsTest, SplitsClientsAttributesClicksCountsAndStopsWithTheWinner) {
    auto e = start(
        {{"name", "Button wording"},
         {"variants", json::array{variant("a", "Start now"), variant("b", "Join us today")}}});
    const std::string eid(e.at("experiment_id").as_string());
    EXPECT_EQ(e.at("status"), "running");
    EXPECT_EQ(e.at("distribution_id"), json::value(id_));
    EXPECT_EQ(e.at("variants").as_array()[1].at("weight"), 1);
    EXPECT_TRUE(e.at("auto_promote").is_null());

    // One running per distribution.
    auto second = admin_json("POST", experiments_path(),
                             json::object{{"name", "Another"},
                                          {"variants", json::array{variant("x", "Option X"),
                                                                   variant("y", "Option Y")}}});
    EXPECT_EQ(second.status, 409) << second.body;

    // 2,000 distinct clients split 50/50 within 3 points; each page's CTA is its variant's.
    std::map<int, std::string> assigned;
    std::map<std::string, std::int64_t> views, clicks;
    for (int i = 0; i < kClients; ++i) {
        const auto href = cta_href(i);
        const auto key = variant_of(href);
        ASSERT_TRUE(key == "a" || key == "b") << href;
        EXPECT_EQ(href, std::string("/courses/") + kSlug + "/enroll?v=" + key);
        assigned[i] = key;
        ++views[key];
    }
    const double share_a = static_cast<double>(views["a"]) / kClients;
    EXPECT_NEAR(share_a, 0.5, 0.03);

    // The same client keeps its variant.
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(variant_of(cta_href(i)), assigned[i]) << "client " << i;
        ++views[assigned[i]];
    }

    // Clicks carry their variant: a's visitors click 1 in 20, b's 1 in 4; the redirect goes to
    // the variant's CTA URL.
    for (const auto& [client, key] : assigned) {
        if (client % (key == "a" ? 20 : 4) != 0) continue;
        auto r = enroll(client, key);
        ASSERT_EQ(r.status, 302);
        EXPECT_EQ(r.header("location"), "https://example.com/" + key);
        ++clicks[key];
    }
    // Without a variant, or with an unknown one: the course's own CTA, counted outside it.
    EXPECT_EQ(enroll(1, "").header("location"), "https://example.com/own");
    EXPECT_EQ(enroll(1, "zz").header("location"), "https://example.com/own");

    // Per-variant counts equal what was sent; the totals hold every view and click.
    auto report = experiment(eid);
    const auto& variants = report.at("variants").as_array();
    ASSERT_EQ(variants.size(), 2u);
    double probability_sum = 0;
    for (const auto& v : variants) {
        const std::string key(v.at("key").as_string());
        EXPECT_EQ(v.at("views").as_int64(), views[key]) << key;
        EXPECT_EQ(v.at("clicks").as_int64(), clicks[key]) << key;
        const double n = static_cast<double>(views[key]), c = static_cast<double>(clicks[key]);
        EXPECT_NEAR(v.at("click_through_rate").to_number<double>(), c / n, 1e-9);
        const auto [low, high] = wilson(c, n);
        EXPECT_NEAR(v.at("ctr_interval_95").as_array()[0].to_number<double>(), low, 1e-9);
        EXPECT_NEAR(v.at("ctr_interval_95").as_array()[1].to_number<double>(), high, 1e-9);
        probability_sum += v.at("probability_best").to_number<double>();
    }
    EXPECT_NEAR(probability_sum, 1, 0.01);
    EXPECT_GT(variants[1].at("probability_best").to_number<double>(), 0.95);
    EXPECT_EQ(report.at("recommendation"), "winner: b");
    EXPECT_FALSE(report.at("sample_ratio_mismatch").as_bool());
    // Deterministic for the same counts.
    EXPECT_EQ(experiment(eid), report);
    const auto d = distribution();
    EXPECT_EQ(d.at("view_count").as_int64(), views["a"] + views["b"]);
    EXPECT_EQ(d.at("enrollment_count").as_int64(), clicks["a"] + clicks["b"] + 2);

    // The list shows it.
    auto list = parse_object(admin("GET", experiments_path()).body);
    ASSERT_EQ(list.at("items").as_array().size(), 1u);
    EXPECT_EQ(list.at("items").as_array()[0].at("experiment_id"), json::value(eid));

    // Stop with the winner: its CTA becomes the distribution's, with one distribution.updated.
    const auto before = last_seq();
    auto stopped =
        admin_json("POST", "/api/experiments/" + eid + "/stop", json::object{{"winner", "b"}});
    ASSERT_EQ(stopped.status, 200) << stopped.body;
    const auto stopped_body = parse_object(stopped.body);
    EXPECT_EQ(stopped_body.at("status"), "stopped");
    EXPECT_EQ(stopped_body.at("winner"), "b");
    EXPECT_THAT(event_types_after(before), UnorderedElementsAre("distribution.updated"));
    const auto cta = distribution().at("cta");
    EXPECT_EQ(cta.at("url"), "https://example.com/b");
    EXPECT_EQ(cta.at("label"), "Join us today");
    // The page is the course's own again; a stopped experiment does not stop twice.
    EXPECT_EQ(cta_href(7), std::string("/courses/") + kSlug + "/enroll");
    EXPECT_EQ(admin_json("POST", "/api/experiments/" + eid + "/stop", json::object{}).status, 409);
    // Now another may start.
    start({{"name", "Next"},
           {"variants", json::array{variant("x", "Option X"), variant("y", "Option Y")}}});
}

TEST_P(ExperimentsTest, RefusesBadRequestsNamingEachField) {
    auto r = admin_json(
        "POST", experiments_path(),
        json::object{
            {"name", ""},
            {"variants",
             json::array{
                 json::object{{"key", "Bad Key"}, {"cta", {{"label", "Option A"}}}},
                 variant("b", "Option B", {{"weight", 0}}),
                 json::object{{"key", "c"}, {"cta", {{"label", "Option C"}, {"url", "not a url"}}}},
                 variant("b", "Option B again")}},
            {"auto_promote", {{"min_views_per_variant", -1}, {"probability", 2}}}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_THAT(
        error_fields(r),
        UnorderedElementsAre("name", "variants[0].key", "variants[1].weight", "variants[2].cta.url",
                             "variants[3].key", "auto_promote.min_views_per_variant",
                             "auto_promote.probability"));
    auto one = admin_json(
        "POST", experiments_path(),
        json::object{{"name", "One"}, {"variants", json::array{variant("a", "Option A")}}});
    EXPECT_EQ(one.status, 422);
    EXPECT_THAT(error_fields(one), UnorderedElementsAre("variants"));
    EXPECT_EQ(admin_json("POST", "/api/distributions/dist_ffffffffffffffff/experiments",
                         json::object{{"name", "n"},
                                      {"variants", json::array{variant("a", "Option A"),
                                                               variant("b", "Option B")}}})
                  .status,
              404);
    EXPECT_EQ(admin("GET", "/api/experiments/exp_ffffffffffffffff").status, 404);
    EXPECT_EQ(get(experiments_path()).status, 401);

    auto e = start({{"name", "n"},
                    {"variants", json::array{variant("a", "Option A"), variant("b", "Option B")}}});
    const std::string eid(e.at("experiment_id").as_string());
    auto bad_winner =
        admin_json("POST", "/api/experiments/" + eid + "/stop", json::object{{"winner", "c"}});
    EXPECT_EQ(bad_winner.status, 422);
    EXPECT_THAT(error_fields(bad_winner), UnorderedElementsAre("winner"));
    // Without a winner: stopped, the CTA unchanged.
    auto stopped = admin("POST", "/api/experiments/" + eid + "/stop");
    EXPECT_EQ(stopped.status, 200) << stopped.body;
    EXPECT_EQ(distribution().at("cta").at("url"), "https://example.com/own");
}

TEST_P(ExperimentsTest, AutoPromoteStopsWithTheWinnerByItself) {
    auto e = start({{"name", "Auto"},
                    {"variants", json::array{variant("a", "Option A"), variant("b", "Option B")}},
                    {"auto_promote", {{"min_views_per_variant", 40}, {"probability", 0.95}}}});
    const std::string eid(e.at("experiment_id").as_string());
    // Every visitor of b clicks, none of a's; enough visitors for 40 views each and more.
    for (int i = 0; i < 200; ++i) {
        const auto key = variant_of(cta_href(i));
        if (key == "b") enroll(i, key);
        if (key.empty()) break;  // promoted already: the page is the course's own
    }
    EXPECT_TRUE(eventually([&] { return experiment(eid).at("status") == "stopped"; }));
    const auto report = experiment(eid);
    EXPECT_EQ(report.at("winner"), "b");
    EXPECT_EQ(distribution().at("cta").at("url"), "https://example.com/b");
}

INSTANTIATE_TEST_SUITE_P(Backends, ExperimentsTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
