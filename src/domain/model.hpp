#pragma once
// The distribution model of SPEC section 2, as plain data.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::domain {

enum class Visibility { Private, Public, Unlisted };
enum class CtaAction { OpenCourse, DownloadOutline, Contact, Custom };

std::string_view to_string(Visibility v);
std::optional<Visibility> parse_visibility(std::string_view s);
std::string_view to_string(CtaAction a);
std::optional<CtaAction> parse_cta_action(std::string_view s);

struct Seo {
    std::string meta_title;
    std::string meta_description;
    std::vector<std::string> keywords;
    std::optional<std::string> og_image_url;
    std::map<std::string, std::string> hreflang_alternates;  // language -> absolute URL

    bool operator==(const Seo&) const = default;
};

struct Cta {
    std::string label;
    CtaAction action = CtaAction::OpenCourse;
    std::optional<std::string> url;

    bool operator==(const Cta&) const = default;
};

struct Module {
    std::string module_id;
    std::string title;
    std::string description;
    std::int64_t chapter_count = 0;
    std::int64_t estimated_duration_minutes = 0;

    bool operator==(const Module&) const = default;
};

struct Outline {
    std::vector<Module> modules;
    std::vector<std::string> prerequisites;
    std::vector<std::string> learning_outcomes;

    bool operator==(const Outline&) const = default;
    std::int64_t total_chapters() const;
    std::int64_t total_duration_minutes() const;
};

struct Distribution {
    std::string distribution_id;
    std::string course_id;
    std::string slug;
    std::string language;
    std::string title;
    std::string description;
    std::vector<std::string> target_group;
    std::string version = "v1";
    std::optional<std::string> derived_from;
    Seo seo;
    Cta cta;
    Visibility visibility = Visibility::Private;
    std::optional<double> published_at;
    std::optional<std::string> staging_url;
    std::optional<std::string> staging_deployed_at;
    Outline outline;
    std::int64_t view_count = 0;
    std::int64_t enrollment_count = 0;
    double created_at = 0;
    double updated_at = 0;

    bool operator==(const Distribution&) const = default;
    bool publicly_readable() const { return visibility != Visibility::Private; }
};

struct ChangelogEntry {
    std::string version;
    std::optional<std::string> changelog;
    double bumped_at = 0;
};

// One failing field of a request or model: `field` is a path such as `seo.meta_title` or
// `target_group[2]`.
struct FieldError {
    std::string field;
    std::string message;
    bool operator==(const FieldError&) const = default;
};
using FieldErrors = std::vector<FieldError>;

}  // namespace coursedist::domain
