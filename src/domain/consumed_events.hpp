#pragma once
// Payloads of the two event types this service consumes (SPEC section 4, "Consumed"), decoded
// leniently: unlike request bodies, extra fields are ignored, and the course factory's outline may
// come as `outline` (the CourseOutline shape) or as a bare `modules` list with its own names
// (`id`, `duration_minutes`, a `chapters` list instead of `chapter_count`). Field paths in errors
// start with `payload.`.

#include "domain/model.hpp"
#include "domain/requests.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coursedist::domain {

// course.generation.completed
struct GenerationCompleted {
    std::string course_id;
    std::string title;
    std::string description;
    std::string language;
    std::vector<std::string> target_audiences;
    Outline outline;  // empty when the payload has none
};

// course.deployed.staging
struct StagingDeployed {
    std::string course_id;
    std::string staging_url;            // absolute http(s)
    std::optional<double> deployed_at;  // Unix seconds; nullopt when the payload has none
};

Decoded<GenerationCompleted> decode_generation_completed(const boost::json::object& payload);
Decoded<StagingDeployed> decode_staging_deployed(const boost::json::object& payload);

// A new distribution's fields as a course_factory event describes it (no id, slug or times:
// the service assigns those). Defaults SEO and CTA as SPEC section 2 prescribes.
Distribution distribution_from(const GenerationCompleted& event);
// Validation errors of such a distribution renamed to the payload's fields
// (`target_group[1]` → `payload.target_audiences[1]`).
FieldErrors as_payload_errors(const FieldErrors& distribution_errors);

}  // namespace coursedist::domain
