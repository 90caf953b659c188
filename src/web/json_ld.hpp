#pragma once
// The schema.org/Course structured data of a landing page, and its safe embedding in HTML.

#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace coursedist::web {

struct Provider {
    std::string name;
    std::string url;
};

// Course with name, description, provider (Organization), inLanguage, courseCode (the slug:
// public bodies carry no internal ids), url, audience, keywords, teaches, coursePrerequisites,
// datePublished/dateModified and, when the outline has a duration, a hasCourseInstance with
// courseMode "online" and courseWorkload. Nothing is invented: fields without data are omitted.
boost::json::value course_json_ld(const domain::Distribution& d, std::string_view page_url,
                                  const Provider& provider);

// JSON text for inside <script>: `<`, `>` and `&` become \u003c, \u003e and \u0026, so no
// `</script>` or `<!--` can appear, and the text is still the same JSON value.
std::string script_safe_json(const boost::json::value& value);

// ISO 8601 duration: 150 → "PT2H30M".
std::string iso8601_duration(std::int64_t minutes);

}  // namespace coursedist::web
