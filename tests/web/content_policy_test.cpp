// The public pages' Content-Security-Policy (issue 14): it allows exactly the inline CSS the
// pages carry, by hash, and nothing inline besides; a <style> whose text would vary is refused
// at load.

#include "web/content_policy.hpp"
#include "sample_course.hpp"
#include "support/html_scan.hpp"
#include "web/page_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace coursedist::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Files = std::map<std::string, TemplateSource, std::less<>>;

TEST(ContentPolicy, HashSourceIsTheBase64OfTheSha256) {
    // SHA-256 of the empty string, and of "abc" (FIPS 180-2's test vector).
    EXPECT_EQ(csp_hash_source(""), "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
    EXPECT_EQ(csp_hash_source("abc"), "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='");
}

TEST(ContentPolicy, EveryPublicPageStyleIsAllowedByItsHashAndNothingInline) {
    const PageRenderer renderer{TemplateSet::load(std::nullopt), web::testing::kSite};
    const auto& policy = renderer.content_policy();
    EXPECT_THAT(policy, Not(HasSubstr("unsafe-inline")));
    EXPECT_THAT(policy, HasSubstr("default-src 'none'"));
    EXPECT_THAT(policy, HasSubstr("frame-ancestors 'none'"));
    EXPECT_THAT(policy, HasSubstr("img-src 'self' data:"));  // the data: icon

    service::ListResult empty;
    for (const auto& html : {renderer.landing(web::testing::sample_course()),
                             renderer.catalog(empty, {}, false), renderer.not_found(true)}) {
        const auto styles = coursedist::testing::style_contents(html);
        ASSERT_FALSE(styles.empty()) << html.substr(0, 400);
        for (const auto& css : styles) EXPECT_THAT(policy, HasSubstr(csp_hash_source(css)));
    }
}

TEST(ContentPolicy, StylesOfOverriddenTemplatesAreHashedAndDynamicOnesRefused) {
    TemplateSet set(Files{{"a.mustache", {"<style>p{color:red}</style>{{> b}}", "a"}},
                          {"b.mustache", {"<style>p{color:red}</style><style>i{}</style>", "b"}}});
    EXPECT_EQ(set.inline_styles(), (std::vector<std::string>{"p{color:red}", "i{}"}));
    EXPECT_EQ(public_page_policy(set.inline_styles()),
              "default-src 'none'; style-src " + csp_hash_source("p{color:red}") + " " +
                  csp_hash_source("i{}") +
                  "; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
                  "form-action 'self'; "
                  "frame-ancestors 'none'");
    try {
        TemplateSet dynamic(Files{{"a.mustache", {"<style>p{color:{{c}}}</style>", "my a"}}});
        ADD_FAILURE() << "a style with a tag loaded";
    } catch (const TemplateError& e) {
        EXPECT_THAT(e.what(), HasSubstr("my a"));
        EXPECT_THAT(e.what(), HasSubstr("literal CSS"));
    }
}

}  // namespace
}  // namespace coursedist::web
