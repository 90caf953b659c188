// Templates: built-ins compile, includes expand at load time, and a broken or incomplete
// override fails loading with the file's name (issue 6).

#include "web/template_set.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace coursedist::web {
namespace {

using ::testing::HasSubstr;
using Files = std::map<std::string, TemplateSource, std::less<>>;

std::string load_error(const Files& files) {
    try {
        TemplateSet set(files);
    } catch (const TemplateError& e) {
        return e.what();
    }
    return "no error";
}

TEST(TemplateSet, BuiltInPagesCompile) {
    auto set = TemplateSet::load(std::nullopt);
    for (auto page : {"landing.mustache", "catalog.mustache", "not_found.mustache"})
        EXPECT_TRUE(set.contains(page)) << page;
    EXPECT_FALSE(set.fingerprint().empty());
}

TEST(TemplateSet, ExpandsIncludesAndEscapesValues) {
    TemplateSet set(Files{{"page.mustache", {"<p>{{> inner}}</p>", "page"}},
                          {"inner.mustache", {"{{who}} & co", "inner"}}});
    kainjow::mustache::data data;
    data.set("who", "<b>\"me\"</b>");
    EXPECT_EQ(set.render("page.mustache", data), "<p>&lt;b&gt;&quot;me&quot;&lt;/b&gt; & co</p>");
}

TEST(TemplateSet, BrokenTemplateNamesItsFileAndLine) {
    auto error =
        load_error(Files{{"landing.mustache", {"ok\n{{#items}}\n", "/t/landing.mustache"}}});
    EXPECT_THAT(error, HasSubstr("/t/landing.mustache"));
    EXPECT_THAT(error, HasSubstr("items"));
    EXPECT_THAT(error, HasSubstr("line 2"));
}

TEST(TemplateSet, MissingIncludeAndIncludeCycleAreErrors) {
    EXPECT_THAT(load_error(Files{{"a.mustache", {"{{> nowhere}}", "a-file"}}}),
                HasSubstr("a-file: includes \"nowhere\", but there is no nowhere.mustache"));
    EXPECT_THAT(
        load_error(Files{{"a.mustache", {"{{> b}}", "a"}}, {"b.mustache", {"{{> a}}", "b"}}}),
        HasSubstr("cycle"));
}

TEST(TemplateSet, OverrideFolderReplacesOneTemplateAndChangesTheFingerprint) {
    const auto folder = std::filesystem::temp_directory_path() /
                        ("coursedist-templates-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "not_found.mustache") << "custom {{t.all_courses}}";
    auto custom = TemplateSet::load(folder);
    EXPECT_EQ(
        custom.render("not_found.mustache",
                      kainjow::mustache::data("t", kainjow::mustache::data("all_courses", "x"))),
        "custom x");
    EXPECT_NE(custom.fingerprint(), TemplateSet::load(std::nullopt).fingerprint());

    std::ofstream(folder / "landing.mustache") << "{{#open}} never closed";
    try {
        TemplateSet::load(folder);
        ADD_FAILURE() << "a broken override must not load";
    } catch (const TemplateError& e) {
        EXPECT_THAT(e.what(), HasSubstr((folder / "landing.mustache").string()));
    }
    std::filesystem::remove_all(folder);
    EXPECT_THROW(TemplateSet::load(folder), TemplateError);  // the folder is gone
}

}  // namespace
}  // namespace coursedist::web
