// The schema.org/Course JSON-LD of a landing page: what it says, what it leaves out when there
// is no data, and its safe embedding in <script>.

#include "web/json_ld.hpp"

#include "sample_course.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::web {
namespace {

namespace json = boost::json;
using web::testing::sample_course;

const Provider kProvider{"courses.example.test", "https://courses.example.test"};

TEST(CourseJsonLd, DescribesTheCourse) {
    auto d = sample_course().distribution;
    auto o = course_json_ld(d, "https://courses.example.test/courses/geld-sparen", kProvider)
                 .as_object();
    EXPECT_EQ(o.at("@context"), "https://schema.org");
    EXPECT_EQ(o.at("@type"), "Course");
    EXPECT_EQ(o.at("name"), json::value(d.title));
    EXPECT_EQ(o.at("courseCode"), "geld-sparen");
    EXPECT_EQ(o.at("inLanguage"), "de");
    EXPECT_EQ(o.at("provider"), (json::object{{"@type", "Organization"},
                                              {"name", "courses.example.test"},
                                              {"url", "https://courses.example.test"}}));
    EXPECT_EQ(o.at("keywords"), "Sparen, Anlegen");
    EXPECT_EQ(o.at("audience").as_array().size(), 2u);
    EXPECT_EQ(o.at("audience").as_array()[0],
              (json::object{{"@type", "Audience"}, {"audienceType", "berufstaetige"}}));
    EXPECT_EQ(o.at("teaches").as_array().size(), 2u);
    EXPECT_EQ(o.at("coursePrerequisites"), (json::array{"Ein Girokonto"}));
    EXPECT_EQ(o.at("hasCourseInstance").at("courseWorkload"), "PT1H50M");
    EXPECT_EQ(o.at("datePublished"), "2023-11-14T22:13:20.500000Z");
    EXPECT_EQ(o.at("dateModified"), "2023-11-14T22:15:00.250000Z");
    EXPECT_FALSE(o.contains("distribution_id"));
}

TEST(CourseJsonLd, InventsNothing) {
    auto d = sample_course().distribution;
    d.published_at.reset();
    d.seo.og_image_url.reset();
    d.seo.keywords.clear();
    d.target_group.clear();
    d.outline = {};
    auto o = course_json_ld(d, "https://x.test/courses/geld-sparen", kProvider).as_object();
    for (const char* key : {"datePublished", "image", "keywords", "audience", "teaches",
                            "coursePrerequisites", "hasCourseInstance"})
        EXPECT_FALSE(o.contains(key)) << key;
}

TEST(ScriptSafeJson, NoMarkupSurvivesAndTheValueIsUnchanged) {
    const json::value value{{"name", "a</script><!-- & \"q\"\n😀"}};
    const auto text = script_safe_json(value);
    EXPECT_EQ(text.find('<'), std::string::npos);
    EXPECT_EQ(text.find('>'), std::string::npos);
    EXPECT_EQ(text.find('&'), std::string::npos);
    EXPECT_EQ(json::parse(text), value);
}

TEST(Iso8601Duration, HoursAndMinutes) {
    EXPECT_EQ(iso8601_duration(150), "PT2H30M");
    EXPECT_EQ(iso8601_duration(60), "PT1H");
    EXPECT_EQ(iso8601_duration(45), "PT45M");
    EXPECT_EQ(iso8601_duration(0), "PT0M");
}

}  // namespace
}  // namespace coursedist::web
