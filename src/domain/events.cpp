#include "domain/events.hpp"

#include "domain/distribution_fields.hpp"
#include "domain/json_codec.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>

namespace coursedist::domain {

namespace json = boost::json;

std::string iso8601_utc(double unix_seconds) {
    auto whole = static_cast<std::time_t>(std::floor(unix_seconds));
    auto micros = static_cast<int>(std::llround((unix_seconds - static_cast<double>(whole)) * 1e6));
    if (micros >= 1'000'000) {
        whole += 1;
        micros -= 1'000'000;
    }
    std::tm tm{};
    gmtime_r(&whole, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
    return buffer;
}

EventEnvelope make_envelope(std::string_view type, json::object payload, std::string id, double now,
                            const std::optional<std::string>& correlation_id) {
    EventEnvelope e;
    e.id = std::move(id);
    e.type = std::string(type);
    e.payload = std::move(payload);
    e.timestamp = iso8601_utc(now);
    e.correlation_id = correlation_id;
    e.meta = json::object{
        {"schema_version", "1.0"}, {"producer", kEventSource}, {"source_module", kEventSource}};
    if (correlation_id) e.meta["correlation_id"] = *correlation_id;
    return e;
}

json::object to_json(const EventEnvelope& e) {
    json::object o{{"id", e.id},           {"type", e.type},
                   {"source", e.source},   {"target", to_json(e.target)},
                   {"payload", e.payload}, {"timestamp", e.timestamp}};
    auto optional_member = [&o](std::string_view key, const std::optional<std::string>& v) {
        if (v) o[key] = *v;
    };
    optional_member("mission_id", e.mission_id);
    optional_member("task_id", e.task_id);
    optional_member("correlation_id", e.correlation_id);
    optional_member("tenant_id", e.tenant_id);
    optional_member("actor_id", e.actor_id);
    optional_member("severity", e.severity);
    o["meta"] = e.meta;
    return o;
}

json::object created_payload(const Distribution& d) {
    return json::object{{"distribution_id", d.distribution_id},
                        {"course_id", d.course_id},
                        {"slug", d.slug},
                        {"language", d.language},
                        {"title", d.title},
                        {"target_group", to_json(d.target_group)},
                        {"visibility", to_string(d.visibility)},
                        {"version", d.version},
                        {"derived_from", to_json(d.derived_from)},
                        {"created_at", iso8601_utc(d.created_at)}};
}

std::optional<json::object> updated_payload(const Distribution& before, const Distribution& after) {
    json::array fields;
    json::object old_values;
    json::object new_values;
    auto compare = [&](std::string_view name, json::value old_value, json::value new_value) {
        if (old_value == new_value) return;
        fields.emplace_back(name);
        old_values[name] = std::move(old_value);
        new_values[name] = std::move(new_value);
    };
    for (const auto& field : distribution_fields()) {
        if (field.reported_as_updated)
            compare(field.name, field.to_json(before), field.to_json(after));
    }
    if (fields.empty()) return std::nullopt;
    return json::object{{"distribution_id", after.distribution_id},
                        {"updated_fields", std::move(fields)},
                        {"old_values", std::move(old_values)},
                        {"new_values", std::move(new_values)},
                        {"updated_at", iso8601_utc(after.updated_at)}};
}

json::object deleted_payload(const Distribution& d, double deleted_at,
                             std::string_view deleted_by) {
    return json::object{{"distribution_id", d.distribution_id},
                        {"slug", d.slug},
                        {"course_id", d.course_id},
                        {"deleted_at", iso8601_utc(deleted_at)},
                        {"deleted_by", deleted_by}};
}

json::object published_payload(const Distribution& d) {
    json::object seo{{"meta_title", d.seo.meta_title},
                     {"meta_description", d.seo.meta_description},
                     {"meta_keywords", to_json(d.seo.keywords)}};
    return json::object{{"distribution_id", d.distribution_id},
                        {"slug", d.slug},
                        {"course_id", d.course_id},
                        {"title", d.title},
                        {"language", d.language},
                        {"target_group", to_json(d.target_group)},
                        {"seo", std::move(seo)},
                        {"visibility", to_string(d.visibility)},
                        {"published_at", iso8601_utc(d.published_at.value_or(d.updated_at))}};
}

json::object unpublished_payload(const Distribution& d, double unpublished_at,
                                 std::string_view reason) {
    return json::object{{"distribution_id", d.distribution_id},
                        {"slug", d.slug},
                        {"unpublished_at", iso8601_utc(unpublished_at)},
                        {"reason", reason}};
}

json::object viewed_payload(std::string_view distribution_id, std::string_view slug,
                            std::int64_t view_count, double viewed_at,
                            const std::optional<std::string>& referrer_category,
                            std::int64_t count) {
    return json::object{{"distribution_id", distribution_id},
                        {"slug", slug},
                        {"view_count", view_count},
                        {"viewed_at", iso8601_utc(viewed_at)},
                        {"referrer_category", to_json(referrer_category)},
                        {"count", count}};
}

json::object enrollment_clicked_payload(std::string_view distribution_id, std::string_view slug,
                                        std::int64_t enrollment_count, double clicked_at,
                                        const std::optional<std::string>& cta_type,
                                        std::int64_t count) {
    return json::object{
        {"distribution_id", distribution_id},   {"slug", slug},
        {"enrollment_count", enrollment_count}, {"clicked_at", iso8601_utc(clicked_at)},
        {"cta_type", to_json(cta_type)},        {"count", count}};
}

json::object micro_niche_created_payload(const Distribution& parent, const Distribution& child,
                                         const std::optional<std::string>& title_override) {
    return json::object{{"child_distribution_id", child.distribution_id},
                        {"parent_distribution_id", parent.distribution_id},
                        {"parent_slug", parent.slug},
                        {"child_slug", child.slug},
                        {"target_group_override", to_json(child.target_group)},
                        {"title_override", to_json(title_override)},
                        {"created_at", iso8601_utc(child.created_at)}};
}

json::object version_bumped_payload(const Distribution& d, std::string_view old_version,
                                    double bumped_at, const std::optional<std::string>& changelog) {
    return json::object{{"distribution_id", d.distribution_id}, {"slug", d.slug},
                        {"old_version", old_version},           {"new_version", d.version},
                        {"bumped_at", iso8601_utc(bumped_at)},  {"changelog", to_json(changelog)}};
}

}  // namespace coursedist::domain
