#include "domain/requests.hpp"

#include "domain/limits.hpp"
#include "domain/request_decoding.hpp"
#include "domain/validation.hpp"
#include "domain/variant.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace coursedist::domain {

namespace json = boost::json;
using namespace decoding;
using namespace limits;

namespace {

// PUT may set private or unlisted; public goes through /publish.
ValueReader<Visibility> update_visibility() {
    return [](const json::value& v, const std::string& field,
              FieldErrors& errors) -> std::optional<Visibility> {
        auto s = read_string(v, field, errors);
        if (!s) return std::nullopt;
        const auto visibility = parse_visibility(*s);
        if (visibility == Visibility::Public) {
            errors.push_back(
                {field, "cannot be set to public here: use POST /api/distributions/{id}/publish"});
            return std::nullopt;
        }
        if (!visibility) errors.push_back({field, "must be private or unlisted"});
        return visibility;
    };
}

ValueReader<std::string> referrer_category() {
    return [](const json::value& v, const std::string& field,
              FieldErrors& errors) -> std::optional<std::string> {
        auto s = read_string(v, field, errors);
        if (!s) return std::nullopt;
        if (std::ranges::find(kReferrerCategories, *s) != std::end(kReferrerCategories)) return s;
        std::string message = "must be one of";
        for (std::string_view separator = " "; const char* category : kReferrerCategories) {
            message += separator;
            message += category;
            separator = ", ";
        }
        errors.push_back({field, message});
        return std::nullopt;
    };
}

ValueReader<std::string> cta_type() {
    return [](const json::value& v, const std::string& field,
              FieldErrors& errors) -> std::optional<std::string> {
        auto s = text(kCtaTypeMax)(v, field, errors);
        if (s && s->empty()) {
            errors.push_back({field, "must not be empty"});
            return std::nullopt;
        }
        return s;
    };
}

const Members<UpdateRequest>& update_members() {
    using R = UpdateRequest;
    static const Members<R> members{
        member("slug", &R::slug, text()),
        member("language", &R::language, text()),
        member("title", &R::title, text()),
        member("description", &R::description, text()),
        member("target_group", &R::target_group, texts()),
        member("seo", &R::seo, object_of(seo_members())),
        member("cta", &R::cta, object_of(cta_members())),
        member("outline", &R::outline, object_of(outline_members())),
        member("visibility", &R::visibility, update_visibility()),
        read_only<R>("distribution_id"),
        read_only<R>("course_id"),
        read_only<R>("derived_from"),
        read_only<R>("version"),
        read_only<R>("view_count"),
        read_only<R>("enrollment_count"),
        read_only<R>("created_at"),
        read_only<R>("updated_at"),
        read_only<R>("published_at"),
        read_only<R>("staging_url"),
        read_only<R>("staging_deployed_at"),
    };
    return members;
}

const Members<VariantRequest>& variant_members() {
    using R = VariantRequest;
    static const Members<R> members{
        member("slug", &R::slug, text()),
        member("language", &R::language, text()),
        member("title_override", &R::title_override, text()),
        member("description_override", &R::description_override, text()),
        member("target_group", &R::target_group, target_groups(true), Presence::Required),
        member("seo", &R::seo, object_of(seo_members())),
        member("cta", &R::cta, object_of(cta_members())),
        member("additional_context", &R::additional_context, text(kAdditionalContextMax)),
        member("module_filters", &R::module_filters, texts()),
    };
    return members;
}

// The optional-body requests: JSON null (no body) is an empty request; nothing but the members
// themselves to check.
template <typename T>
Decoded<T> decode_optional_body(const json::value& body, const Members<T>& members) {
    if (body.is_null()) return {};
    return decode_body(body, members, [](const T&) { return FieldErrors{}; });
}

}  // namespace

const Members<CreateRequest>& create_members() {
    using R = CreateRequest;
    static const Members<R> members{
        member("course_id", &R::course_id, text(), Presence::Required),
        member("language", &R::language, text(), Presence::Required),
        member("title", &R::title, text(), Presence::Required),
        member("description", &R::description, text(), Presence::Required),
        member("target_group", &R::target_group, texts()),
        member("slug", &R::slug, text()),
        member("seo", &R::seo, object_of(seo_members())),
        member("cta", &R::cta, object_of(cta_members())),
        member("version", &R::version, text()),
        member("outline", &R::outline, object_of(outline_members())),
    };
    return members;
}

ValueReader<std::vector<std::string>> target_groups(bool at_least_one) {
    return [at_least_one](const json::value& v, const std::string& field,
                          FieldErrors& errors) -> std::optional<std::vector<std::string>> {
        auto groups = read_strings(v, field, errors);
        if (at_least_one && v.is_array() && v.get_array().empty())
            errors.push_back({field, "must name at least one target group"});
        return groups;
    };
}

const Distribution& valid_placeholder() {
    static const Distribution placeholder = [] {
        CreateRequest r;
        r.course_id = "placeholder";
        r.language = "en";
        r.title = "A placeholder course";
        r.description = "A placeholder description, long enough for every rule of the model.";
        auto d = distribution_from(r, "000000");
        d.distribution_id = "dist_0000000000000000";
        return d;
    }();
    return placeholder;
}

FieldErrors about_members_of(const json::object& body, FieldErrors rule_errors) {
    std::erase_if(rule_errors, [&](const FieldError& e) {
        const auto root = std::string_view(e.field).substr(0, e.field.find_first_of(".["));
        const auto* value = body.if_contains(root);
        return value == nullptr || value->is_null();
    });
    return rule_errors;
}

bool UpdateRequest::empty() const {
    return !slug && !language && !title && !description && !target_group && !seo && !cta &&
           !outline && !visibility;
}

void apply(const UpdateRequest& request, Distribution& d) {
    if (request.slug) d.slug = *request.slug;
    if (request.language) d.language = *request.language;
    if (request.title) d.title = *request.title;
    if (request.description) d.description = *request.description;
    if (request.target_group) d.target_group = *request.target_group;
    if (request.seo) d.seo = *request.seo;
    if (request.cta) d.cta = *request.cta;
    if (request.outline) d.outline = *request.outline;
    if (request.visibility) d.visibility = *request.visibility;
}

FieldErrors create_rules(const CreateRequest& request) {
    return validate(distribution_from(request, "000000"));
}

Decoded<CreateRequest> decode_create(const json::value& body) {
    return decode_body(body, create_members(), create_rules);
}

Decoded<UpdateRequest> decode_update(const json::value& body) {
    return decode_body(body, update_members(), [](const UpdateRequest& request) {
        Distribution d = valid_placeholder();
        apply(request, d);
        return validate(d);
    });
}

FieldErrors variant_rules(const VariantRequest& request) {
    if (request.target_group.empty()) return {};  // reported by decoding
    auto errors = validate(derive_variant(valid_placeholder(), request));
    for (auto& e : errors) {  // the overrides are the request's names of these
        if (e.field == "title") e.field = "title_override";
        if (e.field == "description") e.field = "description_override";
    }
    return errors;
}

Decoded<VariantRequest> decode_variant(const json::value& body) {
    return decode_body(body, variant_members(), variant_rules);
}

Decoded<LogViewRequest> decode_log_view(const json::value& body) {
    static const Members<LogViewRequest> members{
        member("referrer_category", &LogViewRequest::referrer_category, referrer_category())};
    return decode_optional_body(body, members);
}

Decoded<TrackClickRequest> decode_track_click(const json::value& body) {
    static const Members<TrackClickRequest> members{
        member("cta_type", &TrackClickRequest::cta_type, cta_type())};
    return decode_optional_body(body, members);
}

Decoded<VersionBumpRequest> decode_version_bump(const json::value& body) {
    static const Members<VersionBumpRequest> members{
        member("changelog", &VersionBumpRequest::changelog, text(kChangelogMax))};
    return decode_optional_body(body, members);
}

}  // namespace coursedist::domain
