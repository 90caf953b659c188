#pragma once
// The BRAiN EventStream envelope (SPEC section 4) as plain data, and the nine event types this
// service produces.

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::domain {

namespace event_type {
inline constexpr std::string_view kCreated = "distribution.created";
inline constexpr std::string_view kUpdated = "distribution.updated";
inline constexpr std::string_view kDeleted = "distribution.deleted";
inline constexpr std::string_view kPublished = "distribution.published";
inline constexpr std::string_view kUnpublished = "distribution.unpublished";
inline constexpr std::string_view kViewed = "distribution.viewed";
inline constexpr std::string_view kEnrollmentClicked = "distribution.enrollment_clicked";
inline constexpr std::string_view kMicroNicheCreated = "distribution.micro_niche_created";
inline constexpr std::string_view kVersionBumped = "distribution.version_bumped";
inline constexpr std::string_view kCourseGenerationCompleted = "course.generation.completed";
inline constexpr std::string_view kCourseDeployedStaging = "course.deployed.staging";
}  // namespace event_type

inline constexpr std::string_view kEventSource = "course_distribution";

struct EventEnvelope {
    std::string id;  // UUID v4
    std::string type;
    std::string source{kEventSource};
    std::optional<std::string> target;  // nullopt = broadcast
    boost::json::object payload;
    std::string timestamp;  // ISO-8601 UTC
    std::optional<std::string> mission_id;
    std::optional<std::string> task_id;
    std::optional<std::string> correlation_id;
    std::optional<std::string> tenant_id;
    std::optional<std::string> actor_id;
    std::optional<std::string> severity;
    boost::json::object meta;
};

}  // namespace coursedist::domain
