#include "web/json_ld.hpp"

#include "domain/events.hpp"
#include "domain/json_codec.hpp"
#include "web/labels.hpp"

#include <boost/json.hpp>

namespace coursedist::web {

namespace json = boost::json;

std::string iso8601_duration(std::int64_t minutes) {
    std::string out = "PT";
    if (minutes >= 60) out += std::to_string(minutes / 60) + "H";
    if (minutes % 60 != 0 || minutes == 0) out += std::to_string(minutes % 60) + "M";
    return out;
}

json::value course_json_ld(const domain::Distribution& d, std::string_view page_url,
                           const Provider& provider) {
    json::object course{
        {"@context", "https://schema.org"},
        {"@type", "Course"},
        {"name", d.title},
        {"description", d.description},
        {"url", page_url},
        {"courseCode", d.slug},
        {"inLanguage", d.language},
        {"version", d.version},
        {"provider",
         json::object{{"@type", "Organization"}, {"name", provider.name}, {"url", provider.url}}},
        {"dateModified", domain::iso8601_utc(d.updated_at)},
    };
    if (d.published_at) course["datePublished"] = domain::iso8601_utc(*d.published_at);
    if (d.seo.og_image_url) course["image"] = *d.seo.og_image_url;
    if (!d.seo.keywords.empty()) course["keywords"] = comma_list(d.seo.keywords);
    if (!d.target_group.empty()) {
        json::array audiences;
        for (const auto& group : d.target_group)
            audiences.push_back(json::object{{"@type", "Audience"}, {"audienceType", group}});
        course["audience"] = std::move(audiences);
    }
    if (!d.outline.learning_outcomes.empty())
        course["teaches"] = domain::to_json(d.outline.learning_outcomes);
    if (!d.outline.prerequisites.empty())
        course["coursePrerequisites"] = domain::to_json(d.outline.prerequisites);
    if (const auto minutes = d.outline.total_duration_minutes(); minutes > 0)
        course["hasCourseInstance"] = json::object{{"@type", "CourseInstance"},
                                                   {"courseMode", "online"},
                                                   {"courseWorkload", iso8601_duration(minutes)}};
    return course;
}

std::string script_safe_json(const json::value& value) {
    const auto text = json::serialize(value);
    std::string out;
    out.reserve(text.size() + 32);
    for (char c : text) {
        switch (c) {
            case '<':
                out += "\\u003c";
                break;
            case '>':
                out += "\\u003e";
                break;
            case '&':
                out += "\\u0026";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace coursedist::web
