#include "domain/model_decoding.hpp"

#include "domain/distribution_fields.hpp"
#include "domain/validation.hpp"

#include <boost/json.hpp>

namespace coursedist::domain {

namespace json = boost::json;
using namespace decoding;

namespace {

template <typename T>
std::optional<T> strictly(const json::value& v, std::string_view prefix, const Members<T>& members,
                          FieldErrors& errors) {
    const std::size_t before = errors.size();
    T out{};
    decode_members(v, std::string(prefix), members, out, errors);
    if (errors.size() != before) return std::nullopt;
    return out;
}

const std::string kActions = "must be one of open_course, download_outline, contact, custom";

}  // namespace

const Members<Seo>& seo_members() {
    static const Members<Seo> members{
        member("meta_title", &Seo::meta_title, text(), Presence::Required),
        member("meta_description", &Seo::meta_description, text(), Presence::Required),
        member("keywords", &Seo::keywords, texts()),
        member("og_image_url", &Seo::og_image_url, text()),
        member("hreflang_alternates", &Seo::hreflang_alternates, text_map()),
    };
    return members;
}

const Members<Cta>& cta_members() {
    static const Members<Cta> members{
        member("label", &Cta::label, text(), Presence::Required),
        // Absent or null: the default action, open_course.
        member("action", &Cta::action, one_of<CtaAction>(parse_cta_action, kActions)),
        member("url", &Cta::url, text()),
    };
    return members;
}

const Members<Module>& module_members() {
    static const Members<Module> members{
        member("module_id", &Module::module_id, text(), Presence::Required),
        member("title", &Module::title, text(), Presence::Required),
        member("description", &Module::description, text()),
        member("chapter_count", &Module::chapter_count, integer()),
        member("estimated_duration_minutes", &Module::estimated_duration_minutes, integer()),
    };
    return members;
}

const Members<Outline>& outline_members() {
    static const Members<Outline> members{
        member("modules", &Outline::modules,
               array_of(object_of(module_members()), "must be an array of modules")),
        member("prerequisites", &Outline::prerequisites, texts()),
        member("learning_outcomes", &Outline::learning_outcomes, texts()),
    };
    return members;
}

const Members<Distribution>& distribution_members() {
    static const Members<Distribution> members = [] {
        Members<Distribution> out;
        for (const auto& field : distribution_fields())
            out.push_back({field.name, field.required ? Presence::Required : Presence::Optional,
                           field.from_json});
        return out;
    }();
    return members;
}

std::optional<Seo> decode_seo(const json::value& v, std::string_view prefix, FieldErrors& errors) {
    return strictly(v, prefix, seo_members(), errors);
}

std::optional<Cta> decode_cta(const json::value& v, std::string_view prefix, FieldErrors& errors) {
    return strictly(v, prefix, cta_members(), errors);
}

std::optional<Outline> decode_outline(const json::value& v, std::string_view prefix,
                                      FieldErrors& errors) {
    return strictly(v, prefix, outline_members(), errors);
}

Decoded<Distribution> decode_distribution(const json::value& v) {
    Decoded<Distribution> out;
    if (!object_at(v, "", out.errors)) return out;
    decode_members(v, "", distribution_members(), out.value, out.errors);
    add_rule_errors(out.errors, validate(out.value));
    return out;
}

}  // namespace coursedist::domain
