#include "domain/requests.hpp"

#include "domain/json_fields.hpp"
#include "domain/limits.hpp"
#include "domain/unicode.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

namespace coursedist::domain {

namespace json = boost::json;
using namespace limits;

namespace {

constexpr const char* kRequired = "field required";

std::string path(std::string_view prefix, std::string_view key) {
    // Keys come from untrusted JSON parsed with allow_invalid_utf8: the path is echoed in the
    // error response, which must stay valid UTF-8.
    std::string name = sanitize_utf8(key);
    if (prefix.empty()) return name;
    return std::string(prefix) + "." + name;
}

// Each member goes to handle(key, value, field), which returns false for a key it does not know.
template <typename Handle>
void read_members(const json::object& o, std::string_view prefix, FieldErrors& errors,
                  Handle&& handle) {
    for (const auto& member : o) {
        const std::string field = path(prefix, member.key());
        if (!handle(std::string_view(member.key()), member.value(), field))
            errors.push_back({field, "unknown field"});
    }
}

const json::object* require_object(const json::value& v, const std::string& field,
                                   FieldErrors& errors) {
    if (v.is_object()) return &v.get_object();
    errors.push_back(
        {field, field.empty() ? "request body must be a JSON object" : "must be an object"});
    return nullptr;
}

void require(bool present, std::string_view prefix, std::string_view key, FieldErrors& errors) {
    if (!present) errors.push_back({path(prefix, key), kRequired});
}

// A required member: null counts as missing.
template <typename T, typename Read>
void read_required(const json::value& v, const std::string& field, T& target, bool& present,
                   FieldErrors& errors, Read&& read) {
    if (v.is_null()) return;  // reported by require()
    present = true;
    if (auto value = read(v, field, errors)) target = std::move(*value);
}

// An optional member: null counts as absent.
template <typename T, typename Read>
void read_optional(const json::value& v, const std::string& field, std::optional<T>& target,
                   FieldErrors& errors, Read&& read) {
    if (v.is_null()) return;
    if (auto value = read(v, field, errors)) target = std::move(*value);
}

void check_max_length(const std::optional<std::string>& s, std::size_t max,
                      const std::string& field, FieldErrors& errors) {
    if (s && code_points(*s) > max)
        errors.push_back({field, "must be at most " + std::to_string(max) + " characters"});
}

const auto kString = [](const json::value& v, const std::string& field, FieldErrors& errors) {
    return read_string(v, field, errors);
};
const auto kStrings = [](const json::value& v, const std::string& field, FieldErrors& errors) {
    return read_strings(v, field, errors);
};
const auto kSeo = [](const json::value& v, const std::string& field, FieldErrors& errors) {
    return decode_seo(v, field, errors);
};
const auto kCta = [](const json::value& v, const std::string& field, FieldErrors& errors) {
    return decode_cta(v, field, errors);
};
const auto kOutline = [](const json::value& v, const std::string& field, FieldErrors& errors) {
    return decode_outline(v, field, errors);
};

std::optional<Module> decode_module(const json::value& v, const std::string& prefix,
                                    FieldErrors& errors) {
    const json::object* o = require_object(v, prefix, errors);
    if (!o) return std::nullopt;
    Module m;
    bool has_id = false, has_title = false;
    const auto integer = [](const json::value& value, const std::string& field, FieldErrors& errs) {
        return read_integer(value, field, errs);
    };
    read_members(*o, prefix, errors,
                 [&](std::string_view key, const json::value& value, const std::string& field) {
                     if (key == "module_id")
                         read_required(value, field, m.module_id, has_id, errors, kString);
                     else if (key == "title")
                         read_required(value, field, m.title, has_title, errors, kString);
                     else if (key == "description") {
                         std::optional<std::string> description;
                         read_optional(value, field, description, errors, kString);
                         m.description = description.value_or("");
                     } else if (key == "chapter_count") {
                         std::optional<std::int64_t> count;
                         read_optional(value, field, count, errors, integer);
                         m.chapter_count = count.value_or(0);
                     } else if (key == "estimated_duration_minutes") {
                         std::optional<std::int64_t> minutes;
                         read_optional(value, field, minutes, errors, integer);
                         m.estimated_duration_minutes = minutes.value_or(0);
                     } else
                         return false;
                     return true;
                 });
    require(has_id, prefix, "module_id", errors);
    require(has_title, prefix, "title", errors);
    return m;
}

// Fails (nullopt) when any error was added since `before`.
template <typename T>
std::optional<T> unless_failed(T value, const FieldErrors& errors, std::size_t before) {
    if (errors.size() != before) return std::nullopt;
    return value;
}

std::optional<Visibility> read_update_visibility(const json::value& v, const std::string& field,
                                                 FieldErrors& errors) {
    auto s = read_string(v, field, errors);
    if (!s) return std::nullopt;
    const auto visibility = parse_visibility(*s);
    if (visibility == Visibility::Public) {
        errors.push_back(
            {field, "cannot be set to public here: use POST /api/distributions/{id}/publish"});
        return std::nullopt;
    }
    if (!visibility) {
        errors.push_back({field, "must be private or unlisted"});
        return std::nullopt;
    }
    return visibility;
}

const std::set<std::string_view, std::less<>> kReadOnlyFields = {
    "distribution_id", "course_id",        "derived_from",        "version",
    "view_count",      "enrollment_count", "created_at",          "updated_at",
    "published_at",    "staging_url",      "staging_deployed_at",
};

// The optional-body requests: JSON null (no body) is an empty request.
template <typename T, typename Handle>
Decoded<T> decode_optional_body(const json::value& body, Handle&& handle) {
    Decoded<T> out;
    if (body.is_null()) return out;
    const json::object* o = require_object(body, "", out.errors);
    if (!o) return out;
    read_members(*o, "", out.errors,
                 [&](std::string_view key, const json::value& value, const std::string& field) {
                     return handle(out.value, key, value, field, out.errors);
                 });
    return out;
}

}  // namespace

bool UpdateRequest::empty() const {
    return !slug && !language && !title && !description && !target_group && !seo && !cta &&
           !outline && !visibility;
}

std::optional<Seo> decode_seo(const json::value& v, std::string_view prefix, FieldErrors& errors) {
    const std::size_t before = errors.size();
    const json::object* o = require_object(v, std::string(prefix), errors);
    if (!o) return std::nullopt;
    Seo seo;
    bool has_title = false, has_description = false;
    read_members(
        *o, prefix, errors,
        [&](std::string_view key, const json::value& value, const std::string& field) {
            if (key == "meta_title")
                read_required(value, field, seo.meta_title, has_title, errors, kString);
            else if (key == "meta_description")
                read_required(value, field, seo.meta_description, has_description, errors, kString);
            else if (key == "keywords") {
                std::optional<std::vector<std::string>> keywords;
                read_optional(value, field, keywords, errors, kStrings);
                seo.keywords = keywords.value_or(std::vector<std::string>{});
            } else if (key == "og_image_url")
                read_optional(value, field, seo.og_image_url, errors, kString);
            else if (key == "hreflang_alternates") {
                if (value.is_null()) return true;
                const json::object* alternates = require_object(value, field, errors);
                if (!alternates) return true;
                for (const auto& alternate : *alternates) {
                    const std::string alternate_field = path(field, alternate.key());
                    if (!is_valid_utf8(alternate.key())) {
                        errors.push_back({alternate_field, "invalid UTF-8"});
                        continue;
                    }
                    if (auto url = read_string(alternate.value(), alternate_field, errors))
                        seo.hreflang_alternates[std::string(alternate.key())] = std::move(*url);
                }
            } else
                return false;
            return true;
        });
    require(has_title, prefix, "meta_title", errors);
    require(has_description, prefix, "meta_description", errors);
    return unless_failed(std::move(seo), errors, before);
}

std::optional<Cta> decode_cta(const json::value& v, std::string_view prefix, FieldErrors& errors) {
    const std::size_t before = errors.size();
    const json::object* o = require_object(v, std::string(prefix), errors);
    if (!o) return std::nullopt;
    Cta cta;
    bool has_label = false;
    read_members(
        *o, prefix, errors,
        [&](std::string_view key, const json::value& value, const std::string& field) {
            if (key == "label")
                read_required(value, field, cta.label, has_label, errors, kString);
            else if (key == "action") {
                // Absent or null: the default action, open_course.
                std::optional<std::string> action;
                read_optional(value, field, action, errors, kString);
                if (!action) return true;
                if (auto parsed = parse_cta_action(*action))
                    cta.action = *parsed;
                else
                    errors.push_back(
                        {field, "must be one of open_course, download_outline, contact, custom"});
            } else if (key == "url")
                read_optional(value, field, cta.url, errors, kString);
            else
                return false;
            return true;
        });
    require(has_label, prefix, "label", errors);
    return unless_failed(std::move(cta), errors, before);
}

std::optional<Outline> decode_outline(const json::value& v, std::string_view prefix,
                                      FieldErrors& errors) {
    const std::size_t before = errors.size();
    const json::object* o = require_object(v, std::string(prefix), errors);
    if (!o) return std::nullopt;
    Outline outline;
    read_members(
        *o, prefix, errors,
        [&](std::string_view key, const json::value& value, const std::string& field) {
            if (key == "modules") {
                if (value.is_null()) return true;
                if (!value.is_array()) {
                    errors.push_back({field, "must be an array of modules"});
                    return true;
                }
                const json::array& modules = value.get_array();
                for (std::size_t i = 0; i < modules.size(); ++i)
                    if (auto m = decode_module(modules[i], indexed(field, i), errors))
                        outline.modules.push_back(std::move(*m));
            } else if (key == "prerequisites" || key == "learning_outcomes") {
                std::optional<std::vector<std::string>> list;
                read_optional(value, field, list, errors, kStrings);
                (key == "prerequisites" ? outline.prerequisites : outline.learning_outcomes) =
                    list.value_or(std::vector<std::string>{});
            } else
                return false;
            return true;
        });
    return unless_failed(std::move(outline), errors, before);
}

Decoded<CreateRequest> decode_create(const json::value& body) {
    Decoded<CreateRequest> out;
    auto& errors = out.errors;
    const json::object* o = require_object(body, "", errors);
    if (!o) return out;
    CreateRequest& r = out.value;
    bool has_course_id = false, has_language = false, has_title = false, has_description = false;
    read_members(*o, "", errors,
                 [&](std::string_view key, const json::value& value, const std::string& field) {
                     if (key == "course_id")
                         read_required(value, field, r.course_id, has_course_id, errors, kString);
                     else if (key == "language")
                         read_required(value, field, r.language, has_language, errors, kString);
                     else if (key == "title")
                         read_required(value, field, r.title, has_title, errors, kString);
                     else if (key == "description")
                         read_required(value, field, r.description, has_description, errors,
                                       kString);
                     else if (key == "target_group") {
                         std::optional<std::vector<std::string>> groups;
                         read_optional(value, field, groups, errors, kStrings);
                         r.target_group = groups.value_or(std::vector<std::string>{});
                     } else if (key == "slug")
                         read_optional(value, field, r.slug, errors, kString);
                     else if (key == "seo")
                         read_optional(value, field, r.seo, errors, kSeo);
                     else if (key == "cta")
                         read_optional(value, field, r.cta, errors, kCta);
                     else if (key == "version")
                         read_optional(value, field, r.version, errors, kString);
                     else if (key == "outline")
                         read_optional(value, field, r.outline, errors, kOutline);
                     else
                         return false;
                     return true;
                 });
    require(has_course_id, "", "course_id", errors);
    require(has_language, "", "language", errors);
    require(has_title, "", "title", errors);
    require(has_description, "", "description", errors);
    return out;
}

Decoded<UpdateRequest> decode_update(const json::value& body) {
    Decoded<UpdateRequest> out;
    auto& errors = out.errors;
    const json::object* o = require_object(body, "", errors);
    if (!o) return out;
    UpdateRequest& r = out.value;
    const auto visibility = [](const json::value& value, const std::string& field,
                               FieldErrors& errs) {
        return read_update_visibility(value, field, errs);
    };
    read_members(*o, "", errors,
                 [&](std::string_view key, const json::value& value, const std::string& field) {
                     if (kReadOnlyFields.contains(key))
                         errors.push_back({field, "read-only field"});
                     else if (key == "slug")
                         read_optional(value, field, r.slug, errors, kString);
                     else if (key == "language")
                         read_optional(value, field, r.language, errors, kString);
                     else if (key == "title")
                         read_optional(value, field, r.title, errors, kString);
                     else if (key == "description")
                         read_optional(value, field, r.description, errors, kString);
                     else if (key == "target_group")
                         read_optional(value, field, r.target_group, errors, kStrings);
                     else if (key == "seo")
                         read_optional(value, field, r.seo, errors, kSeo);
                     else if (key == "cta")
                         read_optional(value, field, r.cta, errors, kCta);
                     else if (key == "outline")
                         read_optional(value, field, r.outline, errors, kOutline);
                     else if (key == "visibility")
                         read_optional(value, field, r.visibility, errors, visibility);
                     else
                         return false;
                     return true;
                 });
    return out;
}

Decoded<VariantRequest> decode_variant(const json::value& body) {
    Decoded<VariantRequest> out;
    auto& errors = out.errors;
    const json::object* o = require_object(body, "", errors);
    if (!o) return out;
    VariantRequest& r = out.value;
    bool has_target_group = false;
    read_members(
        *o, "", errors,
        [&](std::string_view key, const json::value& value, const std::string& field) {
            if (key == "slug")
                read_optional(value, field, r.slug, errors, kString);
            else if (key == "language")
                read_optional(value, field, r.language, errors, kString);
            else if (key == "title_override")
                read_optional(value, field, r.title_override, errors, kString);
            else if (key == "description_override")
                read_optional(value, field, r.description_override, errors, kString);
            else if (key == "target_group") {
                read_required(value, field, r.target_group, has_target_group, errors, kStrings);
                if (has_target_group && value.is_array() && value.get_array().empty())
                    errors.push_back({field, "must name at least one target group"});
            } else if (key == "seo")
                read_optional(value, field, r.seo, errors, kSeo);
            else if (key == "cta")
                read_optional(value, field, r.cta, errors, kCta);
            else if (key == "additional_context") {
                read_optional(value, field, r.additional_context, errors, kString);
                check_max_length(r.additional_context, kAdditionalContextMax, field, errors);
            } else if (key == "module_filters")
                read_optional(value, field, r.module_filters, errors, kStrings);
            else
                return false;
            return true;
        });
    require(has_target_group, "", "target_group", errors);
    return out;
}

Decoded<LogViewRequest> decode_log_view(const json::value& body) {
    return decode_optional_body<LogViewRequest>(
        body, [](LogViewRequest& r, std::string_view key, const json::value& value,
                 const std::string& field, FieldErrors& errors) {
            if (key != "referrer_category") return false;
            read_optional(value, field, r.referrer_category, errors, kString);
            if (r.referrer_category &&
                std::ranges::find(kReferrerCategories, *r.referrer_category) ==
                    std::end(kReferrerCategories)) {
                std::string message = "must be one of";
                for (std::string_view separator = " "; const char* category : kReferrerCategories) {
                    message += separator;
                    message += category;
                    separator = ", ";
                }
                errors.push_back({field, message});
                r.referrer_category.reset();
            }
            return true;
        });
}

Decoded<TrackClickRequest> decode_track_click(const json::value& body) {
    return decode_optional_body<TrackClickRequest>(
        body, [](TrackClickRequest& r, std::string_view key, const json::value& value,
                 const std::string& field, FieldErrors& errors) {
            if (key != "cta_type") return false;
            read_optional(value, field, r.cta_type, errors, kString);
            if (r.cta_type && r.cta_type->empty()) {
                errors.push_back({field, "must not be empty"});
                r.cta_type.reset();
            }
            check_max_length(r.cta_type, kCtaTypeMax, field, errors);
            return true;
        });
}

Decoded<VersionBumpRequest> decode_version_bump(const json::value& body) {
    return decode_optional_body<VersionBumpRequest>(
        body, [](VersionBumpRequest& r, std::string_view key, const json::value& value,
                 const std::string& field, FieldErrors& errors) {
            if (key != "changelog") return false;
            read_optional(value, field, r.changelog, errors, kString);
            check_max_length(r.changelog, kChangelogMax, field, errors);
            return true;
        });
}

}  // namespace coursedist::domain
