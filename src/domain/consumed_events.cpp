#include "domain/consumed_events.hpp"

#include "domain/defaults.hpp"
#include "domain/json_fields.hpp"
#include "domain/timestamp.hpp"
#include "domain/validation.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <initializer_list>

namespace coursedist::domain {

namespace json = boost::json;

namespace {

constexpr std::string_view kPayload = "payload";

std::string path(std::string_view prefix, std::string_view key) {
    return std::string(prefix) + "." + std::string(key);
}

// The first of `keys` present with a non-null value: the course factory's names vary.
const json::value* first_present(const json::object& o,
                                 std::initializer_list<std::string_view> keys) {
    for (auto key : keys)
        if (const auto* v = o.if_contains(key); v && !v->is_null()) return v;
    return nullptr;
}

void read_required(const json::object& o, std::string_view key, std::string& target,
                   FieldErrors& errors) {
    const std::string field = path(kPayload, key);
    const auto* v = first_present(o, {key});
    if (!v) {
        errors.push_back({field, "field required"});
        return;
    }
    if (auto s = read_string(*v, field, errors)) target = std::move(*s);
}

// Minutes may come as a float from a generator's estimate: rounded, not refused.
std::optional<std::int64_t> read_minutes(const json::value& v, const std::string& field,
                                         FieldErrors& errors) {
    if (v.is_double() && std::isfinite(v.get_double()) && std::abs(v.get_double()) < 1e15)
        return std::llround(v.get_double());
    return read_integer(v, field, errors);
}

std::optional<Module> read_module(const json::value& v, const std::string& field, std::size_t index,
                                  FieldErrors& errors) {
    if (!v.is_object()) {
        errors.push_back({field, "must be an object"});
        return std::nullopt;
    }
    const json::object& o = v.get_object();
    const std::size_t errors_before = errors.size();
    Module m;
    if (const auto* id = first_present(o, {"module_id", "id"})) {
        if (id->is_int64() || id->is_uint64())
            m.module_id = json::serialize(*id);
        else if (auto s = read_string(*id, path(field, "module_id"), errors))
            m.module_id = std::move(*s);
    } else {
        // A generator that numbers modules by position only: the position is their identity.
        m.module_id = "module-" + std::to_string(index + 1);
    }
    if (const auto* title = first_present(o, {"title", "name"})) {
        if (auto s = read_string(*title, path(field, "title"), errors)) m.title = std::move(*s);
    } else {
        errors.push_back({path(field, "title"), "field required"});
    }
    if (const auto* description = first_present(o, {"description", "summary"}))
        if (auto s = read_string(*description, path(field, "description"), errors))
            m.description = std::move(*s);
    if (const auto* count = first_present(o, {"chapter_count"})) {
        m.chapter_count = read_integer(*count, path(field, "chapter_count"), errors).value_or(0);
    } else if (const auto* chapters = first_present(o, {"chapters"});
               chapters && chapters->is_array()) {
        m.chapter_count = static_cast<std::int64_t>(chapters->get_array().size());
    }
    if (const auto* minutes = first_present(o, {"estimated_duration_minutes", "duration_minutes"}))
        m.estimated_duration_minutes =
            read_minutes(*minutes, path(field, "estimated_duration_minutes"), errors).value_or(0);
    if (errors.size() != errors_before) return std::nullopt;
    return m;
}

std::vector<Module> read_modules(const json::value& v, const std::string& field,
                                 FieldErrors& errors) {
    std::vector<Module> modules;
    if (!v.is_array()) {
        errors.push_back({field, "must be an array of modules"});
        return modules;
    }
    const json::array& array = v.get_array();
    for (std::size_t i = 0; i < array.size(); ++i)
        if (auto m = read_module(array[i], indexed(field, i), i, errors))
            modules.push_back(std::move(*m));
    return modules;
}

Outline read_outline(const json::object& payload, FieldErrors& errors) {
    Outline outline;
    if (const auto* v = first_present(payload, {"outline"})) {
        const std::string field = path(kPayload, "outline");
        if (!v->is_object()) {
            errors.push_back({field, "must be an object"});
            return outline;
        }
        const json::object& o = v->get_object();
        if (const auto* modules = first_present(o, {"modules"}))
            outline.modules = read_modules(*modules, path(field, "modules"), errors);
        if (const auto* list = first_present(o, {"prerequisites"}))
            outline.prerequisites = read_strings(*list, path(field, "prerequisites"), errors)
                                        .value_or(std::vector<std::string>{});
        if (const auto* list = first_present(o, {"learning_outcomes"}))
            outline.learning_outcomes =
                read_strings(*list, path(field, "learning_outcomes"), errors)
                    .value_or(std::vector<std::string>{});
    } else if (const auto* modules = first_present(payload, {"modules"})) {
        outline.modules = read_modules(*modules, path(kPayload, "modules"), errors);
    }
    return outline;
}

}  // namespace

Decoded<GenerationCompleted> decode_generation_completed(const json::object& payload) {
    Decoded<GenerationCompleted> decoded;
    auto& event = decoded.value;
    auto& errors = decoded.errors;
    read_required(payload, "course_id", event.course_id, errors);
    read_required(payload, "title", event.title, errors);
    read_required(payload, "description", event.description, errors);
    read_required(payload, "language", event.language, errors);
    const std::string audiences = path(kPayload, "target_audiences");
    if (const auto* v = first_present(payload, {"target_audiences"}))
        event.target_audiences =
            read_strings(*v, audiences, errors).value_or(std::vector<std::string>{});
    else
        errors.push_back({audiences, "field required"});
    event.outline = read_outline(payload, errors);
    return decoded;
}

Decoded<StagingDeployed> decode_staging_deployed(const json::object& payload) {
    Decoded<StagingDeployed> decoded;
    auto& event = decoded.value;
    auto& errors = decoded.errors;
    read_required(payload, "course_id", event.course_id, errors);
    if (event.course_id.empty() && errors.empty())
        errors.push_back({path(kPayload, "course_id"), "must not be empty"});
    const std::size_t before_url = errors.size();
    read_required(payload, "staging_url", event.staging_url, errors);
    if (errors.size() == before_url && !is_absolute_http_url(event.staging_url))
        errors.push_back({path(kPayload, "staging_url"), "must be an absolute http(s) URL"});
    if (const auto* v = first_present(payload, {"deployed_at"})) {
        const std::string field = path(kPayload, "deployed_at");
        if (auto text = read_string(*v, field, errors)) {
            event.deployed_at = parse_iso8601(*text);
            if (!event.deployed_at) errors.push_back({field, "must be an ISO-8601 timestamp"});
        }
    }
    return decoded;
}

Distribution distribution_from(const GenerationCompleted& event) {
    Distribution d;
    d.course_id = event.course_id;
    d.language = event.language;
    d.title = event.title;
    d.description = event.description;
    d.target_group = event.target_audiences;
    d.seo = default_seo(d.title, d.description);
    d.cta = default_cta(d.language);
    d.outline = event.outline;
    return d;
}

FieldErrors as_payload_errors(const FieldErrors& distribution_errors) {
    constexpr std::string_view kTargetGroup = "target_group";
    FieldErrors renamed;
    for (const auto& e : distribution_errors) {
        std::string field = e.field;
        if (field.starts_with(kTargetGroup))
            field = "target_audiences" + field.substr(kTargetGroup.size());
        renamed.push_back({path(kPayload, field), e.message});
    }
    return renamed;
}

}  // namespace coursedist::domain
