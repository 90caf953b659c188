// The admin console's distribution form (web/console_form.hpp): the JSON bodies it builds are the
// API's (decoded by its own decoders), the API's errors land beside the form field they belong
// to, and the chart is an SVG with a title and the numbers as a table.
#include "web/console_form.hpp"
#include "web/console_chart.hpp"

#include "domain/requests.hpp"
#include "web/template_set.hpp"

#include <gmock/gmock.h>
#include <boost/json/serialize.hpp>

namespace coursedist::web {
namespace {

using ::testing::HasSubstr;

FormValues typed() {
    return {{"course_id", "course_1"},
            {"title", "A course about bread baking"},
            {"description", "Everything about sourdough, yeast and ovens, with worked examples."},
            {"language", "en"},
            {"slug", ""},
            {"target_groups", " bakers, , hobby cooks "},
            {"meta_title", ""},
            {"meta_description", ""},
            {"keywords", ""},
            {"og_image_url", ""},
            {"cta_label", ""},
            {"cta_action", "open_course"},
            {"cta_url", ""},
            {"modules", "Starter | Feeding it | 3 | 45\n\nBaking | | 2 | 30\n"}};
}

TEST(ConsoleForm, ACreateFormIsTheApisCreateBody) {
    const auto body = create_body(typed());
    auto decoded = domain::decode_create(body);
    ASSERT_TRUE(decoded.ok()) << boost::json::serialize(body);
    const auto& request = decoded.value;
    EXPECT_EQ(request.title, "A course about bread baking");
    EXPECT_EQ(request.target_group, (std::vector<std::string>{"bakers", "hobby cooks"}));
    EXPECT_FALSE(request.slug.has_value());  // empty: made from the title
    EXPECT_FALSE(request.seo.has_value());   // all SEO fields empty: the defaults
    EXPECT_FALSE(request.cta.has_value());
    ASSERT_TRUE(request.outline.has_value());
    ASSERT_EQ(request.outline->modules.size(), 2u);
    EXPECT_EQ(request.outline->modules[0].title, "Starter");
    EXPECT_EQ(request.outline->modules[0].chapter_count, 3);
    EXPECT_EQ(request.outline->modules[1].estimated_duration_minutes, 30);
}

TEST(ConsoleForm, AnEditFormKeepsWhatItDoesNotShow) {
    auto v = typed();
    v["meta_title"] = "Bread baking course";
    v["meta_description"] = "Learn to bake bread at home: sourdough, yeast doughs and the oven.";
    v["keywords"] = "bread, baking";
    domain::Distribution current;
    current.seo.hreflang_alternates = {{"de", "https://example.test/de"}};
    current.outline.prerequisites = {"an oven"};
    current.outline.modules.push_back({"m-starter", "Old", "", 1, 1});
    auto decoded = domain::decode_update(update_body(v, current));
    ASSERT_TRUE(decoded.ok());
    const auto& request = decoded.value;
    ASSERT_TRUE(request.seo.has_value());
    EXPECT_EQ(request.seo->keywords, (std::vector<std::string>{"bread", "baking"}));
    EXPECT_EQ(request.seo->hreflang_alternates.at("de"), "https://example.test/de");
    ASSERT_TRUE(request.outline.has_value());
    EXPECT_EQ(request.outline->prerequisites, current.outline.prerequisites);
    EXPECT_EQ(request.outline->modules[0].module_id, "m-starter");  // kept by position
    EXPECT_EQ(request.outline->modules[1].module_id, "module-2");
}

TEST(ConsoleForm, ErrorsLandBesideTheirFieldAndTheTypedValuesStay) {
    auto v = typed();
    v["modules"] = "Starter | x | many | 3";
    v["cta_label"] = "Go";
    auto decoded = domain::decode_create(create_body(v));
    ASSERT_FALSE(decoded.ok());
    const auto errors = errors_by_field({{"title", "must be 10-200 characters (got 5)"},
                                         {"seo.meta_title", "must be 10-60 characters (got 3)"},
                                         {"seo.keywords[1]", "must be 1-50 characters (got 0)"},
                                         {"target_group[0]", "must be 1-50 characters (got 60)"},
                                         {"cta.label", "must be 5-50 characters (got 2)"},
                                         {"outline.modules[0].chapter_count", "must be an integer"},
                                         {"something_else", "is unknown"}});
    EXPECT_EQ(errors.at("title"), std::vector<std::string>{"must be 10-200 characters (got 5)"});
    EXPECT_EQ(errors.at("meta_title").size(), 1u);
    EXPECT_EQ(errors.at("keywords").front(), "seo.keywords[1]: must be 1-50 characters (got 0)");
    EXPECT_EQ(errors.at("target_groups").size(), 1u);
    EXPECT_EQ(errors.at("cta_label").size(), 1u);
    EXPECT_EQ(errors.at("modules").size(), 1u);
    EXPECT_EQ(errors.at("").size(), 1u);

    v["title"] = "Short";
    const auto view = form_view(FormMode::Create, v, errors, "https://example.test");
    TemplateSet templates(
        {{"f.mustache",
          {"{{#fields}}[{{name}}={{value}}|{{error}}]{{/fields}}{{preview_url}}", "test"}}});
    const auto html = templates.render("f.mustache", view);
    EXPECT_THAT(html, HasSubstr("[title=Short|must be 10-200 characters (got 5)]"));
    EXPECT_THAT(html, HasSubstr("[course_id=course_1|]"));
    EXPECT_THAT(html, HasSubstr("https://example.test/courses/…"));
    // The edit form has no Course ID (it is read-only).
    const auto edit =
        templates.render("f.mustache", form_view(FormMode::Update, v, {}, "https://example.test"));
    EXPECT_THAT(edit, ::testing::Not(HasSubstr("course_id")));
}

TEST(ConsoleChart, AnSvgWithATitleAndTheNumbersAsATable) {
    const std::vector<service::StatsPoint> series{{"2026-11-30T00:00:00+00:00", 12, 3},
                                                  {"2026-12-01T00:00:00+00:00", 0, 0},
                                                  {"2026-12-02T00:00:00+00:00", 7, 1}};
    const auto html = views_and_clicks_chart(series, "Views & clicks", "c");
    EXPECT_THAT(html, HasSubstr("<svg"));
    EXPECT_THAT(html, HasSubstr("<title id=\"c-title\">Views &amp; clicks</title>"));
    EXPECT_THAT(html, HasSubstr("aria-labelledby=\"c-title\""));
    EXPECT_THAT(html, HasSubstr("<tr><td>2026-11-30</td><td>12</td><td>3</td></tr>"));
    EXPECT_THAT(html, HasSubstr("<tr><td>2026-12-01</td><td>0</td><td>0</td></tr>"));
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace coursedist::web
