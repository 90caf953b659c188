// Black-box: the admin console's sign-in and session security (issue 14, spec/admin-console.md),
// on both backends. Without a session every page sends the browser to the sign-in; a wrong token
// is 401 and the sixth wrong try within a minute (and every try after it in that minute) 429; the
// cookie's attributes for an http and an https base URL; a POST without its session's CSRF token,
// or from another origin, is refused with nothing changed; the cookie never opens the JSON API;
// signing out, removing the token, and the session's expiry end it; a restart does not; and every
// /admin response carries the security headers.

#include "support/api_fixture.hpp"
#include "support/html_scan.hpp"

#include <gmock/gmock.h>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace coursedist::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kFormType = "application/x-www-form-urlencoded";
constexpr const char* kTokenOne = "console-token-one-0123456789";
constexpr const char* kTokenTwo = "console-token-two-abcdefghij";

// A browser's session with the console: its cookie and the CSRF token its pages carry.
struct Session {
    std::string cookie;  // name=value
    std::string csrf;
};

// A form or query value, percent-encoded (the console's own `next` links encode the same way).
std::string form_escape(const std::string& value) {
    return boost::urls::encode(value, boost::urls::unreserved_chars);
}

// The value of the hidden csrf input of a page.
std::string csrf_of(const std::string& html) {
    constexpr std::string_view kMarker = "name=\"csrf\" value=\"";
    const auto at = html.find(kMarker);
    if (at == std::string::npos) return {};
    const auto start = at + kMarker.size();
    return html.substr(start, html.find('"', start) - start);
}

class ConsoleTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.admin_token = std::string(kTokenOne) + "," + kTokenTwo;
        options.extra_args = extra_args();
    }
    virtual std::vector<std::string> extra_args() const { return {}; }

    HttpResponse post_form(const std::string& target, const std::string& body,
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Content-Type", kFormType);
        return client_->request("POST", target, body, std::move(headers));
    }

    HttpResponse sign_in_response(const std::string& token, const std::string& next = "/admin") {
        return post_form("/admin/login",
                         "token=" + form_escape(token) + "&next=" + form_escape(next));
    }

    // Signs in (asserting the 303 and the cookie) and reads the CSRF token of the dashboard.
    Session sign_in(const std::string& token = kTokenOne) {
        auto r = sign_in_response(token);
        EXPECT_EQ(r.status, 303) << r.body;
        const auto set_cookie = r.header("set-cookie").value_or("");
        Session s{set_cookie.substr(0, set_cookie.find(';')), {}};
        auto dashboard = get_with(s, "/admin");
        EXPECT_EQ(dashboard.status, 200) << dashboard.body;
        s.csrf = csrf_of(dashboard.body);
        EXPECT_FALSE(s.csrf.empty());
        return s;
    }

    HttpResponse get_with(const Session& s, const std::string& target) {
        return client_->get(target, {{"Cookie", s.cookie}});
    }

    HttpResponse post_with(const Session& s, const std::string& target, const std::string& body,
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
        headers.emplace_back("Cookie", s.cookie);
        return post_form(target, body, std::move(headers));
    }

    std::string visibility_of(const std::string& id) {
        auto r = client_->get("/api/distributions/" + id, {{"Authorization", bearer_one()}});
        EXPECT_EQ(r.status, 200) << r.body;
        return std::string(parse_object(r.body).at("visibility").as_string());
    }

    std::string create_private(const std::string& title) {
        const std::string body =
            "{\"course_id\":\"course_console\",\"language\":\"en\","
            "\"title\":\"" +
            title + "\",\"description\":\"" + long_description(title) + "\"}";
        auto r = client_->request(
            "POST", "/api/distributions/create", body,
            {{"Authorization", bearer_one()}, {"Content-Type", "application/json"}});
        EXPECT_EQ(r.status, 201) << r.body;
        return std::string(parse_object(r.body).at("distribution_id").as_string());
    }

    // A service on the same database with other admin tokens and arguments.
    void restart_with(const std::string& tokens, std::vector<std::string> args = {}) {
        client_.reset();
        service_.reset();
        ServiceOptions options;
        options.database = database_->uri();
        options.admin_token = tokens;
        options.extra_args = std::move(args);
        service_ = std::make_unique<ServiceProcess>(options);
        client_ = std::make_unique<HttpClient>(service_->port());
    }

    static std::string bearer_one() { return std::string("Bearer ") + kTokenOne; }
};

void expect_console_headers(const HttpResponse& r, const std::string& what) {
    SCOPED_TRACE(what + " (status " + std::to_string(r.status) + ")");
    EXPECT_EQ(r.header("cache-control").value_or(""), "no-store");
    const auto csp = r.header("content-security-policy").value_or("");
    EXPECT_THAT(csp, HasSubstr("default-src 'self'"));
    EXPECT_THAT(csp, HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(csp, HasSubstr("form-action 'self'"));
    EXPECT_THAT(csp, Not(HasSubstr("unsafe-inline")));
    EXPECT_EQ(r.header("x-content-type-options").value_or(""), "nosniff");
    EXPECT_EQ(r.header("referrer-policy").value_or(""), "same-origin");
}

TEST_P(ConsoleTest, WithoutASessionEveryPageSendsTheBrowserToTheSignIn) {
    const auto id = create_private("Course behind the console");
    for (const std::string& target :
         std::vector<std::string>{"/admin", "/admin/distributions?q=x&visibility=public",
                                  "/admin/distributions/" + id}) {
        auto r = get(target);
        EXPECT_EQ(r.status, 303) << target;
        EXPECT_EQ(r.header("location").value_or(""), "/admin/login?next=" + form_escape(target));
        expect_console_headers(r, target);
    }
    // A made-up or stale cookie is no session.
    auto r = client_->get("/admin", {{"Cookie", "coursedist_session=" + std::string(64, 'a')}});
    EXPECT_EQ(r.status, 303);
    // A POST without a session changes nothing.
    r = post_form("/admin/distributions/" + id + "/publish", "csrf=x");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(visibility_of(id), "private");

    auto login = get("/admin/login?next=%2Fadmin%2Fdistributions");
    EXPECT_EQ(login.status, 200);
    EXPECT_THAT(login.body, HasSubstr("<label for=\"token\">Admin token</label>"));
    EXPECT_THAT(login.body, HasSubstr(">Sign in</button>"));
    EXPECT_THAT(login.body, HasSubstr("value=\"/admin/distributions\""));
    EXPECT_THAT(login.body, Not(HasSubstr("<script>")));
}

TEST_P(ConsoleTest, AWrongTokenIs401AndTheSixthTryWithinAMinuteIs429EvenWithTheRightToken) {
    for (int i = 0; i < 5; ++i) {
        auto r = sign_in_response("not-the-token-" + std::to_string(i) + "-0123456789");
        EXPECT_EQ(r.status, 401) << i;
        EXPECT_THAT(r.body, HasSubstr("not a valid admin token"));
        EXPECT_FALSE(r.header("set-cookie").has_value());
        EXPECT_THAT(r.body, Not(HasSubstr("not-the-token")));  // the typed token is not shown
        expect_console_headers(r, "wrong token");
    }
    for (const std::string& token : std::vector<std::string>{"still-wrong-0123456789", kTokenOne}) {
        auto r = sign_in_response(token);
        EXPECT_EQ(r.status, 429) << token;
        EXPECT_FALSE(r.header("set-cookie").has_value());
        const auto retry = std::stoi(r.header("retry-after").value_or("0"));
        EXPECT_GE(retry, 1);
        EXPECT_LE(retry, 60);
        expect_console_headers(r, "throttled");
    }
}

TEST_P(ConsoleTest, SignInSetsAStrictHttpOnlyCookieAndGoesToALocalNextOnly) {
    auto r = sign_in_response(kTokenOne, "/admin/distributions?q=a");
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location").value_or(""), "/admin/distributions?q=a");
    const auto cookie = r.header("set-cookie").value_or("");
    EXPECT_THAT(cookie, StartsWith("coursedist_session="));
    const auto value = cookie.substr(19, cookie.find(';') - 19);
    EXPECT_EQ(value.size(), 64u);  // 256 random bits, hex
    EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
    EXPECT_THAT(cookie, HasSubstr("; SameSite=Strict"));
    EXPECT_THAT(cookie, HasSubstr("; Path=/"));
    EXPECT_THAT(cookie, Not(HasSubstr("Secure")));
    expect_console_headers(r, "signed in");
    for (const std::string next :
         {"//evil.example/x", "/\\evil.example", "https://evil.example/", "relative"}) {
        auto other = sign_in_response(kTokenTwo, next);
        EXPECT_EQ(other.status, 303);
        EXPECT_EQ(other.header("location").value_or(""), "/admin") << next;
    }
}

TEST_P(ConsoleTest, APostWithoutItsSessionsCsrfTokenIsRefusedAndChangesNothing) {
    const auto id = create_private("Course guarded by CSRF");
    const auto mine = sign_in();
    const auto other = sign_in(kTokenTwo);
    ASSERT_NE(mine.csrf, other.csrf);
    const auto target = "/admin/distributions/" + id + "/publish";
    for (const std::string& body :
         std::vector<std::string>{"", "csrf=", "csrf=" + other.csrf, "csrf=" + mine.csrf + "0"}) {
        auto r = post_with(mine, target, body);
        EXPECT_EQ(r.status, 403) << body;
        expect_console_headers(r, "CSRF refusal");
    }
    EXPECT_EQ(visibility_of(id), "private");
    auto r = post_with(mine, target, "csrf=" + mine.csrf);
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(visibility_of(id), "public");
}

TEST_P(ConsoleTest, ACrossOriginPostIsRefusedAndChangesNothing) {
    const auto id = create_private("Course guarded by its origin");
    const auto s = sign_in();
    const auto target = "/admin/distributions/" + id + "/publish";
    const auto body = "csrf=" + s.csrf;
    const std::vector<std::vector<std::pair<std::string, std::string>>> refused{
        {{"Origin", "https://evil.example"}},
        {{"Origin", "null"}},
        {{"Sec-Fetch-Site", "cross-site"}},
        {{"Sec-Fetch-Site", "same-site"}},
        {{"Origin", "http://127.0.0.1:" + std::to_string(service_->port())},
         {"Sec-Fetch-Site", "cross-site"}},
    };
    for (const auto& headers : refused) {
        auto r = post_with(s, target, body, headers);
        EXPECT_EQ(r.status, 403) << headers.front().first << ": " << headers.front().second;
        expect_console_headers(r, "cross-origin refusal");
    }
    // Cross-site sign-in attempts are refused too (login CSRF).
    auto login = post_form("/admin/login", std::string("token=") + kTokenOne,
                           {{"Origin", "https://evil.example"}});
    EXPECT_EQ(login.status, 403);
    EXPECT_FALSE(login.header("set-cookie").has_value());
    EXPECT_EQ(visibility_of(id), "private");
    // The request's own origin (its Host), as a browser sends it.
    auto r = post_with(s, target, body,
                       {{"Origin", "http://127.0.0.1:" + std::to_string(service_->port())},
                        {"Sec-Fetch-Site", "same-origin"}});
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(visibility_of(id), "public");
}

TEST_P(ConsoleTest, TheCookieNeverOpensTheJsonApi) {
    const auto id = create_private("Course the cookie cannot read");
    const auto s = sign_in();
    for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
             {"GET", "/api/distributions"},
             {"GET", "/api/distributions/" + id},
             {"POST", "/api/distributions/" + id + "/publish"},
             {"GET", "/api/stats"}}) {
        auto r = client_->request(method, target, {}, {{"Cookie", s.cookie}});
        EXPECT_EQ(r.status, 401) << method << " " << target;
    }
    EXPECT_EQ(visibility_of(id), "private");
    auto doc = get("/openapi.json");
    EXPECT_EQ(doc.status, 200);
    EXPECT_THAT(doc.body, Not(HasSubstr("/admin")));
}

TEST_P(ConsoleTest, SignOutEndsTheSession) {
    const auto s = sign_in();
    auto page = get_with(s, "/admin");
    EXPECT_THAT(page.body, HasSubstr("action=\"/admin/logout\""));
    EXPECT_THAT(page.body, HasSubstr(">Sign out</button>"));
    auto without_csrf = post_with(s, "/admin/logout", "");
    EXPECT_EQ(without_csrf.status, 403);
    EXPECT_EQ(get_with(s, "/admin").status, 200);
    auto r = post_with(s, "/admin/logout", "csrf=" + s.csrf);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(r.header("location").value_or(""), "/admin/login");
    EXPECT_THAT(r.header("set-cookie").value_or(""), HasSubstr("Max-Age=0"));
    expect_console_headers(r, "signed out");
    EXPECT_EQ(get_with(s, "/admin").status, 303);
}

TEST_P(ConsoleTest, SessionsSurviveARestartAndDieWithTheirToken) {
    const auto one = sign_in(kTokenOne);
    const auto two = sign_in(kTokenTwo);
    restart_with(std::string(kTokenOne) + "," + kTokenTwo);
    EXPECT_EQ(get_with(one, "/admin").status, 200);
    EXPECT_EQ(get_with(two, "/admin").status, 200);
    // Token two removed from the configuration: its sessions stop at their next request.
    restart_with(kTokenOne);
    EXPECT_EQ(get_with(one, "/admin").status, 200);
    auto r = get_with(two, "/admin");
    EXPECT_EQ(r.status, 303);
    EXPECT_THAT(r.header("location").value_or(""), StartsWith("/admin/login"));
    // And they stay dead when the token comes back.
    restart_with(std::string(kTokenOne) + "," + kTokenTwo);
    EXPECT_EQ(get_with(two, "/admin").status, 303);
    EXPECT_EQ(get_with(one, "/admin").status, 200);
}

TEST_P(ConsoleTest, ExpiredSessionsAreRefused) {
    // No waiting: limits of zero seconds have passed at the next request (the limits themselves
    // are unit-tested with a clock in tests/domain/admin_session_test.cpp).
    for (const std::string flag : {"--admin-session-max", "--admin-session-idle"}) {
        SCOPED_TRACE(flag);
        restart_with(kTokenOne, {flag, "0"});
        auto r = sign_in_response(kTokenOne);
        ASSERT_EQ(r.status, 303);
        const auto set_cookie = r.header("set-cookie").value_or("");
        Session s{set_cookie.substr(0, set_cookie.find(';')), {}};
        EXPECT_EQ(get_with(s, "/admin").status, 303);
    }
    restart_with(kTokenOne, {"--admin-session-max", "3600", "--admin-session-idle", "600"});
    const auto s = sign_in();
    EXPECT_EQ(get_with(s, "/admin").status, 200);
}

TEST_P(ConsoleTest, EveryAdminResponseCarriesTheSecurityHeaders) {
    const auto id = create_private("Course with headers");
    const auto s = sign_in();
    const std::vector<std::pair<std::string, HttpResponse>> responses{
        {"login page", get("/admin/login")},
        {"style", get("/admin/console.css")},
        {"script", get("/admin/console.js")},
        {"dashboard", get_with(s, "/admin")},
        {"list", get_with(s, "/admin/distributions")},
        {"distribution", get_with(s, "/admin/distributions/" + id)},
        {"unknown distribution", get_with(s, "/admin/distributions/dist_0000000000000000")},
        {"unknown page", get_with(s, "/admin/no-such-page")},
        {"wrong method", client_->request("DELETE", "/admin", {}, {{"Cookie", s.cookie}})},
        {"redirect", get("/admin")},
    };
    for (const auto& [what, r] : responses) expect_console_headers(r, what);
    EXPECT_EQ(responses[3].second.status, 200);
    EXPECT_EQ(responses[6].second.status, 404);
    EXPECT_EQ(responses[7].second.status, 404);
    EXPECT_EQ(responses[8].second.status, 405);
    EXPECT_THAT(responses[1].second.header("content-type").value_or(""), HasSubstr("text/css"));
    // The pages load no inline script or style (the CSP would block them).
    for (std::size_t i = 3; i <= 5; ++i) {
        const auto& body = responses[i].second.body;
        EXPECT_THAT(body, Not(HasSubstr("<script>")));
        EXPECT_THAT(body, Not(HasSubstr("<style")));
        EXPECT_THAT(body, Not(HasSubstr(" style=")));
        EXPECT_THAT(body, HasSubstr("<meta name=\"viewport\""));
    }
    // Public pages are not console pages.
    EXPECT_NE(get("/courses").header("referrer-policy").value_or(""), "same-origin");
}

// The pages' forms (spec/admin-console.md, "Pages"): an invalid submit comes back 422 with each
// error beside its field and the typed values kept, nothing created; saving a form opened on an
// older version shows "changed meanwhile" with the current values instead of overwriting them;
// a version bump keeps its changelog; a parent with variants is not deleted, with the reason.
TEST_P(ConsoleTest, AnInvalidFormComesBackWithItsErrorsAndValuesAndCreatesNothing) {
    const auto s = sign_in();
    const std::string description = "A description long enough for the rules, typed & kept <b>.";
    auto r = post_with(s, "/admin/distributions/new",
                       "csrf=" + s.csrf + "&course_id=c1&title=Short&language=en&description=" +
                           form_escape(description) + "&target_groups=" + form_escape("a, b") +
                           "&cta_action=open_course");
    EXPECT_EQ(r.status, 422);
    const auto error_at = r.body.find("id=\"title-error\"");
    ASSERT_NE(error_at, std::string::npos) << r.body;
    EXPECT_THAT(r.body.substr(error_at, 120), HasSubstr("characters (got 5)"));
    // Beside its input: after the title's input, before the next input.
    EXPECT_LT(r.body.find("id=\"title\""), error_at);
    EXPECT_LT(error_at, r.body.find("id=\"description\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"Short\""));
    EXPECT_THAT(r.body, HasSubstr("typed &amp; kept &lt;b&gt;."));  // kept, escaped
    EXPECT_THAT(r.body, HasSubstr("value=\"a, b\""));
    auto list = client_->get("/api/distributions", {{"Authorization", bearer_one()}});
    EXPECT_THAT(list.body, HasSubstr("\"items\":[]"));

    r = post_with(
        s, "/admin/distributions/new",
        "csrf=" + s.csrf + "&course_id=c1&title=" + form_escape("A proper course title") +
            "&language=en&description=" + form_escape(description) +
            "&cta_action=open_course&modules=" + form_escape("Intro | First steps | 2 | 20"));
    EXPECT_EQ(r.status, 303) << r.body;
    const auto location = r.header("location").value_or("");
    EXPECT_THAT(location, StartsWith("/admin/distributions/dist_"));
    const auto id = location.substr(21, location.find('?') - 21);
    auto created = client_->get("/api/distributions/" + id, {{"Authorization", bearer_one()}});
    EXPECT_EQ(created.status, 200);
    EXPECT_THAT(created.body, HasSubstr("\"title\":\"Intro\""));
}

TEST_P(ConsoleTest, SavingAFormOpenedOnAnOlderVersionShowsChangedMeanwhile) {
    const auto id = create_private("Course edited twice");
    const auto s = sign_in();
    auto page = get_with(s, "/admin/distributions/" + id);
    ASSERT_EQ(page.status, 200);
    constexpr std::string_view kEtag = "name=\"etag\" value=\"";
    const auto at = page.body.find(kEtag);
    ASSERT_NE(at, std::string::npos);
    auto etag = page.body.substr(at + kEtag.size());
    etag = etag.substr(0, etag.find('"'));
    // Someone else changes it meanwhile.
    auto put = client_->request(
        "PUT", "/api/distributions/" + id, "{\"title\":\"Changed through the API\"}",
        {{"Authorization", bearer_one()}, {"Content-Type", "application/json"}});
    ASSERT_EQ(put.status, 200) << put.body;
    const auto form = "csrf=" + s.csrf + "&etag=" + form_escape(html_unescape(etag)) +
                      "&title=" + form_escape("Changed in the console") + "&language=en" +
                      "&description=" + form_escape(long_description("Course edited twice")) +
                      "&cta_action=open_course";
    auto r = post_with(s, "/admin/distributions/" + id, form);
    EXPECT_EQ(r.status, 409);
    EXPECT_THAT(r.body, HasSubstr("changed meanwhile"));
    EXPECT_THAT(r.body, HasSubstr("value=\"Changed through the API\""));
    auto now = client_->get("/api/distributions/" + id, {{"Authorization", bearer_one()}});
    EXPECT_THAT(now.body, HasSubstr("\"title\":\"Changed through the API\""));
    // Opened again, the form saves.
    page = get_with(s, "/admin/distributions/" + id);
    etag = page.body.substr(page.body.find(kEtag) + kEtag.size());
    etag = etag.substr(0, etag.find('"'));
    const auto again = "csrf=" + s.csrf + "&etag=" + form_escape(html_unescape(etag)) +
                       "&title=" + form_escape("Changed in the console") + "&language=en" +
                       "&description=" + form_escape(long_description("Course edited twice")) +
                       "&cta_action=open_course";
    r = post_with(s, "/admin/distributions/" + id, again);
    EXPECT_EQ(r.status, 303) << r.body;
    now = client_->get("/api/distributions/" + id, {{"Authorization", bearer_one()}});
    EXPECT_THAT(now.body, HasSubstr("\"title\":\"Changed in the console\""));
}

TEST_P(ConsoleTest, BumpVariantAndDeleteRefusedWhileVariantsExist) {
    const auto id = create_private("Course with a variant");
    const auto s = sign_in();
    const auto base = "/admin/distributions/" + id;
    auto r = post_with(s, base + "/version-bump",
                       "csrf=" + s.csrf + "&changelog=" + form_escape("New exercises"));
    EXPECT_EQ(r.status, 303);
    auto changelog =
        client_->get("/api/distributions/" + id + "/changelog", {{"Authorization", bearer_one()}});
    EXPECT_THAT(changelog.body, HasSubstr("New exercises"));
    EXPECT_THAT(get_with(s, base).body, HasSubstr("New exercises"));

    r = post_with(s, base + "/variants",
                  "csrf=" + s.csrf + "&variant_target_groups=" + form_escape("nurses, carers"));
    EXPECT_EQ(r.status, 303) << r.body;
    const auto variant = r.header("location").value_or("");
    EXPECT_THAT(variant, StartsWith("/admin/distributions/dist_"));
    r = post_with(s, base + "/delete", "csrf=" + s.csrf);
    EXPECT_EQ(r.status, 409);
    EXPECT_THAT(r.body, HasSubstr("variant"));
    EXPECT_EQ(visibility_of(id), "private");  // still there
    const auto variant_id = variant.substr(21, variant.find('?') - 21);
    EXPECT_EQ(
        post_with(s, "/admin/distributions/" + variant_id + "/delete", "csrf=" + s.csrf).status,
        303);
    EXPECT_EQ(post_with(s, base + "/delete", "csrf=" + s.csrf).status, 303);
    EXPECT_EQ(client_->get("/api/distributions/" + id, {{"Authorization", bearer_one()}}).status,
              404);
}

TEST_P(ConsoleTest, TheWebhookFormShowsTheApisErrorsBesideItsFields) {
    const auto s = sign_in();
    auto page = get_with(s, "/admin/webhooks");
    EXPECT_EQ(page.status, 200);
    EXPECT_THAT(page.body, HasSubstr("<label for=\"url\">URL</label>"));
    auto r = post_with(s, "/admin/webhooks",
                       "csrf=" + s.csrf + "&url=" + form_escape("not a url") +
                           "&events=" + form_escape("no.such_event"));
    EXPECT_EQ(r.status, 422);
    EXPECT_THAT(r.body, HasSubstr("id=\"url-error\""));
    EXPECT_THAT(r.body, HasSubstr("id=\"events-error\""));
    EXPECT_THAT(r.body, HasSubstr("value=\"not a url\""));
    auto hooks = client_->get("/api/webhooks", {{"Authorization", bearer_one()}});
    EXPECT_THAT(hooks.body, Not(HasSubstr("not a url")));
}

// The event log (embedded mode): newest first, filterable by type.
TEST_P(ConsoleTest, TheEventLogShowsTheNewestFirstAndFiltersByType) {
    const auto id = create_private("Course with events");
    const auto s = sign_in();
    ASSERT_EQ(post_with(s, "/admin/distributions/" + id + "/publish", "csrf=" + s.csrf).status,
              303);
    auto page = get_with(s, "/admin/events");
    ASSERT_EQ(page.status, 200);
    const auto published = page.body.find("distribution.published");
    const auto created = page.body.find("distribution.created");
    ASSERT_NE(published, std::string::npos) << page.body;
    ASSERT_NE(created, std::string::npos);
    EXPECT_LT(published, created);
    page = get_with(s, "/admin/events?type=distribution.created");
    EXPECT_THAT(page.body, HasSubstr("distribution.created"));
    EXPECT_THAT(page.body, Not(HasSubstr("distribution.published")));
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleTest, ::testing::ValuesIn(test_backends()));

// An https base URL (behind a TLS proxy): the cookie is Secure and named with the __Host- prefix,
// and that is the cookie the console reads.
class ConsoleHttpsTest : public ConsoleTest {
  protected:
    std::vector<std::string> extra_args() const override {
        return {"--base-url", "https://console.example.test"};
    }
};

TEST_P(ConsoleHttpsTest, TheCookieIsSecureWithTheHostPrefix) {
    auto r = sign_in_response(kTokenOne);
    EXPECT_EQ(r.status, 303);
    const auto cookie = r.header("set-cookie").value_or("");
    EXPECT_THAT(cookie, StartsWith("__Host-coursedist_session="));
    EXPECT_THAT(cookie, HasSubstr("; Secure"));
    EXPECT_THAT(cookie, HasSubstr("; HttpOnly"));
    EXPECT_THAT(cookie, HasSubstr("; SameSite=Strict"));
    EXPECT_THAT(cookie, HasSubstr("; Path=/"));
    EXPECT_THAT(cookie, Not(HasSubstr("Domain=")));
    Session s{cookie.substr(0, cookie.find(';')), {}};
    EXPECT_EQ(get_with(s, "/admin").status, 200);
    // The unprefixed name is not the session.
    Session plain{s.cookie.substr(std::string_view("__Host-").size()), {}};
    EXPECT_EQ(get_with(plain, "/admin").status, 303);
    // The base URL's origin is this site's.
    const auto id = create_private("Course behind TLS");
    const auto signed_in = sign_in();
    auto publish =
        post_with(signed_in, "/admin/distributions/" + id + "/publish", "csrf=" + signed_in.csrf,
                  {{"Origin", "https://console.example.test"}});
    EXPECT_EQ(publish.status, 303);
    EXPECT_EQ(visibility_of(id), "public");
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleHttpsTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
