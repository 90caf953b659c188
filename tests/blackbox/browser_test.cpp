// The landing page in a real browser (issue 6): Debian's chromium, headless, loopback only. The
// page renders with the CTA visible at 1280×800 and 390×844 (screenshots kept as artefacts in
// <build>/artifacts), logs nothing to the console, and the CTA link goes through /enroll, which
// counts one click and lands on the CTA's target. The pages' Content-Security-Policy allows all
// they use: no violation logged (issue 14). Skipped only when chromium is not installed.

#include "support/api_fixture.hpp"
#include "support/html_scan.hpp"
#include "support/png_pixels.hpp"

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace coursedist::testing {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr std::uint32_t kCtaColour = 0xffb400;  // .cta background in style.mustache

struct BrowserRun {
    int status = -1;
    std::string out;
    std::string err;
};

class BrowserTest : public ApiTest {
  protected:
    void SetUp() override {
        if (!std::filesystem::exists(kChromium))
            GTEST_SKIP() << "chromium is not installed (run scripts/install-deps.sh as root)";
        ApiTest::SetUp();
        artifacts_ = std::filesystem::path(COURSEDIST_BUILD_DIR) / "artifacts";
        std::filesystem::create_directories(artifacts_);
    }

    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(service_->port()) + path;
    }

    // One headless chromium run with a fresh profile; stdout and stderr captured.
    BrowserRun chromium(const std::vector<std::string>& extra_args) {
        const auto profile = dir_->path() / ("profile-" + std::to_string(runs_++));
        const auto err_file = dir_->path() / "chromium.err";
        std::string command = std::string("timeout 90 ") + kChromium +
                              " --headless --no-sandbox --disable-gpu --disable-quic"
                              " --no-first-run --disable-background-networking"
                              " --disable-component-update --disable-sync"
                              " --disable-dev-shm-usage --user-data-dir=" +
                              profile.string();
        for (const auto& arg : extra_args) command += " '" + arg + "'";
        command += " 2>" + err_file.string();
        BrowserRun run;
        FILE* pipe = ::popen(command.c_str(), "r");
        if (pipe == nullptr) return run;
        std::array<char, 8192> buffer{};
        while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe))
            run.out.append(buffer.data(), n);
        run.status = ::pclose(pipe);
        std::ifstream in(err_file);
        std::ostringstream err;
        err << in.rdbuf();
        run.err = err.str();
        return run;
    }

    json::object create_published(const std::string& slug, json::object extra = {}) {
        extra["slug"] = slug;
        extra["language"] = "de";
        extra["target_group"] = json::array{"berufstaetige", "studenten"};
        extra["outline"] = json::object{
            {"modules", json::array{json::object{{"module_id", "m1"},
                                                 {"title", "Wie Banken Geld verdienen"},
                                                 {"description", "Gebühren, Zinsen, Provisionen."},
                                                 {"chapter_count", 4},
                                                 {"estimated_duration_minutes", 45}}}},
            {"prerequisites", json::array{"Ein Girokonto"}},
            {"learning_outcomes", json::array{"Kontomodelle vergleichen"}}};
        auto d = create_course("Alternativen zu Banken & Sparkassen", extra);
        publish(std::string(d.at("distribution_id").as_string()));
        return d;
    }

    std::filesystem::path artifacts_;
    int runs_ = 0;
};

TEST_P(BrowserTest, LandingPageRendersWithVisibleCtaAtDesktopAndPhoneSizes) {
    create_published("banken-alternativen");
    for (auto [width, height] : {std::pair{1280, 800}, std::pair{390, 844}}) {
        const auto size = std::to_string(width) + "," + std::to_string(height);
        const auto png = artifacts_ / ("landing-" + std::to_string(width) + ".png");
        std::filesystem::remove(png);
        auto run = chromium({"--window-size=" + size, "--hide-scrollbars",
                             "--screenshot=" + png.string(), url("/courses/banken-alternativen")});
        ASSERT_EQ(run.status, 0) << run.err;
        ASSERT_TRUE(std::filesystem::exists(png)) << run.err;
        EXPECT_GT(std::filesystem::file_size(png), 10'000u) << "an all-blank screenshot?";
        auto image = read_png(png);
        EXPECT_EQ(image.width, width);
        EXPECT_EQ(image.height, height);
        // The CTA button's colour covers a button-sized area inside the first screen.
        EXPECT_GT(image.count_colour(kCtaColour), 2'000u) << "CTA not visible in " << png;
    }
}

TEST_P(BrowserTest, DomHasTheCtaAndTheConsoleStaysQuiet) {
    create_published("banken-alternativen");
    auto run = chromium(
        {"--enable-logging=stderr", "--v=0", "--dump-dom", url("/courses/banken-alternativen")});
    ASSERT_EQ(run.status, 0) << run.err;
    auto tags = html_start_tags(run.out);
    auto cta = tags_where(tags, "a", "id", "cta");
    ASSERT_EQ(cta.size(), 1u) << run.out;
    EXPECT_EQ(cta[0].attribute("href"), "/courses/banken-alternativen/enroll");
    EXPECT_THAT(run.out, HasSubstr("Jetzt starten"));
    // Chromium logs page console messages as "…:CONSOLE(line)] …" and script errors as "Uncaught".
    for (auto marker : {"CONSOLE", "Uncaught", "Failed to load resource"})
        EXPECT_THAT(run.err, ::testing::Not(HasSubstr(marker))) << run.err;
}

// Chromium logs a Content-Security-Policy violation to the console ("Refused to apply inline
// style because it violates the following Content Security Policy directive …").
constexpr const char* kCspViolation = "Content Security Policy";

TEST_P(BrowserTest, LandingAndCatalogPagesLogNoContentSecurityPolicyViolation) {
    create_published("banken-alternativen");
    for (auto path : {"/courses/banken-alternativen", "/courses", "/courses/no-such-course"}) {
        // The pages do carry a policy (so a quiet console means it allows what they use).
        const auto policy = get(path).header("content-security-policy");
        ASSERT_TRUE(policy.has_value()) << path;
        EXPECT_THAT(*policy, ::testing::Not(HasSubstr("unsafe-inline")));
        auto run = chromium({"--enable-logging=stderr", "--v=0", "--dump-dom", url(path)});
        ASSERT_EQ(run.status, 0) << run.err;
        EXPECT_THAT(run.out, HasSubstr("</main>")) << path;
        for (auto marker : {kCspViolation, "CONSOLE", "Refused to"})
            EXPECT_THAT(run.err, ::testing::Not(HasSubstr(marker))) << path << ":\n" << run.err;
    }
    // The style took effect under the policy: the CTA shows in its colour.
    const auto png = artifacts_ / "landing-csp.png";
    auto shot = chromium({"--window-size=1280,800", "--hide-scrollbars",
                          "--screenshot=" + png.string(), url("/courses/banken-alternativen")});
    ASSERT_EQ(shot.status, 0) << shot.err;
    EXPECT_GT(read_png(png).count_colour(kCtaColour), 2'000u);
}

TEST_P(BrowserTest, AnInlineStyleThePolicyDoesNotAllowIsLoggedAsAViolation) {
    // The control for the test above: a template with a style attribute, which the pages' policy
    // (hashes of <style> elements only) refuses, makes chromium log the violation.
    const auto folder = dir_->path() / "csp-templates";
    std::filesystem::create_directories(folder);
    std::ifstream original(std::string(COURSEDIST_SOURCE_DIR) +
                           "/src/web/templates/not_found.mustache");
    std::ostringstream text;
    text << original.rdbuf();
    auto page = text.str();
    page.replace(page.find("</main>"), 7, "<p style=\"color:red\">styled</p></main>");
    std::ofstream(folder / "not_found.mustache") << page;
    ServiceProcess other({"sqlite:" + (dir_->path() / "csp.db").string(),
                          "test-admin-token",
                          {"--templates", folder.string()},
                          {}});
    const auto address = "http://127.0.0.1:" + std::to_string(other.port()) + "/courses/nope";
    auto run = chromium({"--enable-logging=stderr", "--v=0", "--dump-dom", address});
    ASSERT_EQ(run.status, 0) << run.err;
    EXPECT_THAT(run.out, HasSubstr("styled"));
    EXPECT_THAT(run.err, HasSubstr(kCspViolation)) << run.err;
}

TEST_P(BrowserTest, CtaClickGoesThroughEnrollToTheTarget) {
    create_published("ziel-kurs-seite");
    auto course = create_published(
        "banken-alternativen", {{"cta", json::object{{"label", "Zum Kurs"},
                                                     {"action", "custom"},
                                                     {"url", url("/courses/ziel-kurs-seite")}}}});
    const auto id = std::string(course.at("distribution_id").as_string());
    auto count = [&] {
        return parse_object(admin("GET", "/api/distributions/" + id).body)
            .at("enrollment_count")
            .as_int64();
    };

    auto page = chromium({"--dump-dom", url("/courses/banken-alternativen")});
    ASSERT_EQ(page.status, 0) << page.err;
    auto cta = tags_where(html_start_tags(page.out), "a", "id", "cta");
    ASSERT_EQ(cta.size(), 1u);
    const auto href = *cta[0].attribute("href");
    EXPECT_EQ(href, "/courses/banken-alternativen/enroll");

    const auto before = count();
    auto landed = chromium({"--dump-dom", url(href)});  // chromium follows the 302
    ASSERT_EQ(landed.status, 0) << landed.err;
    EXPECT_EQ(count(), before + 1);
    auto canonical = tags_where(html_start_tags(landed.out), "link", "rel", "canonical");
    ASSERT_EQ(canonical.size(), 1u) << landed.out;
    EXPECT_THAT(*canonical[0].attribute("href"), HasSubstr("/courses/ziel-kurs-seite"));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, BrowserTest, ::testing::Values("sqlite"));

}  // namespace
}  // namespace coursedist::testing
