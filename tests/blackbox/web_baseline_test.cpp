// The public web's baseline (issue 14): every answer carries `nosniff` and a Referrer-Policy, the
// HTML pages a Content-Security-Policy their own markup satisfies, and clients that accept gzip
// get compressed answers (with `Vary: Accept-Encoding`) that decode to the plain ones, the
// landing page's counters still counted. The real binary; pages depend on no backend beyond
// what the API suites cover for both, so SQLite only.

#include "support/api_fixture.hpp"
#include "support/gzip.hpp"
#include "support/html_scan.hpp"

#include <gmock/gmock.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <array>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::Not;

// The pages' CSP hash source of an inline element's text, computed here independently.
std::string sha256_source(std::string_view text) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    std::array<unsigned char, 64> base64{};
    const int n = EVP_EncodeBlock(base64.data(), digest.data(), static_cast<int>(digest.size()));
    return "'sha256-" + std::string(reinterpret_cast<const char*>(base64.data()), n) + "'";
}

class WebBaselineTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.extra_args = {"--base-url", "https://courses.example.test"};
    }

    json::object published(const std::string& slug) {
        auto d = create_course("Geld sparen und anlegen lernen: " + slug,
                               {{"slug", slug},
                                {"language", "de"},
                                {"target_group", json::array{"berufstaetige", "studenten"}}});
        publish(std::string(d.at("distribution_id").as_string()));
        return d;
    }

    std::int64_t views(const json::object& d) {
        return parse_object(admin("GET", "/api/distributions/" +
                                             std::string(d.at("distribution_id").as_string()))
                                .body)
            .at("view_count")
            .as_int64();
    }
};

TEST_P(WebBaselineTest, EveryAnswerCarriesNosniffAndAReferrerPolicy) {
    published("geld-sparen");
    for (auto path : {"/courses/geld-sparen", "/courses", "/sitemap.xml", "/robots.txt",
                      "/api/distributions/catalog", "/courses/no-such-course", "/no/such/path",
                      "/courses/geld-sparen/enroll"}) {
        const auto r = get(path);
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
        EXPECT_EQ(r.header("referrer-policy"), "strict-origin-when-cross-origin") << path;
    }
    const auto refused = admin("GET", "/api/distributions/nope");
    EXPECT_EQ(refused.status, 404);
    EXPECT_EQ(refused.header("x-content-type-options"), "nosniff");
}

TEST_P(WebBaselineTest, HtmlPagesCarryAPolicyTheirOwnStylesSatisfy) {
    published("geld-sparen");
    for (auto path :
         {"/courses/geld-sparen", "/courses", "/courses?language=en", "/courses/no-such-course"}) {
        const auto page = get(path);
        EXPECT_THAT(page.header("content-type").value_or(""), HasSubstr("text/html")) << path;
        const auto policy = page.header("content-security-policy");
        ASSERT_TRUE(policy.has_value()) << path;
        EXPECT_THAT(*policy, HasSubstr("default-src 'none'"));
        EXPECT_THAT(*policy, Not(HasSubstr("unsafe-inline")));
        const auto styles = style_contents(page.body);
        ASSERT_FALSE(styles.empty()) << path;
        for (const auto& css : styles) EXPECT_THAT(*policy, HasSubstr(sha256_source(css))) << path;
        // No inline script or style attribute the policy would block (JSON-LD is data).
        EXPECT_THAT(page.body, Not(HasSubstr(" style=\""))) << path;
        EXPECT_THAT(page.body, Not(HasSubstr("<script>"))) << path;
        EXPECT_THAT(page.body, Not(HasSubstr(" onclick="))) << path;
    }
}

TEST_P(WebBaselineTest, GzipLandingPageDecodesToThePlainPageAndIsCounted) {
    const auto d = published("geld-sparen");
    const auto plain = get("/courses/geld-sparen");
    ASSERT_EQ(plain.status, 200);
    EXPECT_EQ(plain.header("content-encoding"), std::nullopt);
    EXPECT_THAT(plain.header("vary").value_or(""), HasSubstr("Accept-Encoding"));
    EXPECT_EQ(views(d), 1);

    const auto compressed = get("/courses/geld-sparen", {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_EQ(compressed.status, 200);
    EXPECT_EQ(compressed.header("content-encoding"), "gzip");
    EXPECT_THAT(compressed.header("vary").value_or(""), HasSubstr("Accept-Encoding"));
    EXPECT_EQ(compressed.header("etag"), plain.header("etag"));  // weak: the same page
    EXPECT_EQ(compressed.header("content-security-policy"),
              plain.header("content-security-policy"));
    EXPECT_LT(compressed.body.size(), plain.body.size() / 2);
    EXPECT_EQ(views(d), 2);  // counted like a plain view

    const auto decoded = gunzip(compressed.body);
    ASSERT_TRUE(decoded.has_value());
    auto expected = plain.body;
    const std::string one = "1 Aufruf ·";
    ASSERT_NE(expected.find(one), std::string::npos) << expected;
    expected.replace(expected.find(one), one.size(), "2 Aufrufe ·");
    EXPECT_EQ(*decoded, expected);

    // A revalidation is answered 304 either way, and counts nothing.
    const auto again = get("/courses/geld-sparen", {{"Accept-Encoding", "gzip"},
                                                    {"If-None-Match", *compressed.header("etag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_EQ(views(d), 2);

    // HEAD: the length of the gzip GET, no body, no count.
    const auto head =
        client_->request("HEAD", "/courses/geld-sparen", {}, {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(head.header("content-encoding"), "gzip");
    EXPECT_TRUE(head.body.empty());
}

TEST_P(WebBaselineTest, CatalogSitemapAndApiAreCompressedForClientsThatAcceptGzip) {
    for (int i = 0; i < 12; ++i) published("kurs-" + std::to_string(i));  // bodies over 1 kB
    for (auto path : {"/courses", "/sitemap.xml", "/api/distributions/catalog"}) {
        const auto plain = get(path);
        const auto compressed = get(path, {{"Accept-Encoding", "gzip"}});
        ASSERT_EQ(plain.status, 200) << path;
        ASSERT_EQ(compressed.status, 200) << path;
        EXPECT_EQ(plain.header("content-encoding"), std::nullopt) << path;
        EXPECT_EQ(compressed.header("content-encoding"), "gzip") << path;
        for (const auto* r : {&plain, &compressed})
            EXPECT_THAT(r->header("vary").value_or(""), HasSubstr("Accept-Encoding")) << path;
        EXPECT_EQ(gunzip(compressed.body), plain.body) << path;
        // The compressed bytes carry their own (weak) ETag, which still revalidates.
        const auto etag = compressed.header("etag").value_or("");
        EXPECT_TRUE(etag.starts_with("W/")) << path << ": " << etag;
        EXPECT_EQ(get(path, {{"Accept-Encoding", "gzip"}, {"If-None-Match", etag}}).status, 304)
            << path;
    }
    // The catalog's answer also varies by language; both are listed.
    EXPECT_THAT(get("/courses").header("vary").value_or(""), HasSubstr("Accept-Language"));
    // A tiny answer goes out as it is.
    const auto robots = get("/robots.txt", {{"Accept-Encoding", "gzip"}});
    EXPECT_EQ(robots.header("content-encoding"), std::nullopt);
    EXPECT_EQ(robots.header("vary"), std::nullopt);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, WebBaselineTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace coursedist::testing
