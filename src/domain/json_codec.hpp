#pragma once
// JSON shapes of the model (SPEC sections 2 and 3). Encoding is total; the `*_from_json`
// decoders are for trusted JSON the service wrote itself (storage columns): they never throw on a
// missing member. Untrusted request bodies go through requests.hpp, which reports every field.

#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>

namespace coursedist::domain {

boost::json::value to_json(const Seo& seo);
boost::json::value to_json(const Cta& cta);
boost::json::value to_json(const Module& module);
boost::json::value to_json(const Outline& outline);
boost::json::value to_json(const std::vector<std::string>& strings);
boost::json::value to_json(const ChangelogEntry& entry);

// The full CourseDistribution of the admin API.
boost::json::value to_json(const Distribution& d);
// PublicCourseListItem / PublicCourseDetail / PublicCourseOutline: no internal ids.
boost::json::value to_public_list_item(const Distribution& d);
boost::json::value to_public_detail(const Distribution& d,
                                    const std::optional<std::string>& derived_from_slug);
boost::json::value to_public_outline(const Distribution& d);

Seo seo_from_json(const boost::json::value& v);
Cta cta_from_json(const boost::json::value& v);
Outline outline_from_json(const boost::json::value& v);
std::vector<std::string> strings_from_json(const boost::json::value& v);

// Nullable helpers shared by the encoders.
boost::json::value to_json(const std::optional<std::string>& s);
boost::json::value to_json(const std::optional<double>& d);

}  // namespace coursedist::domain
