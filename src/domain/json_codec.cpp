#include "domain/json_codec.hpp"

#include "domain/distribution_fields.hpp"

#include <boost/json.hpp>

namespace coursedist::domain {

namespace json = boost::json;

namespace {

std::string string_member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return {};
    return std::string(it->value().get_string());
}

std::optional<std::string> optional_string_member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || !it->value().is_string()) return std::nullopt;
    return std::string(it->value().get_string());
}

std::int64_t int_member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end()) return 0;
    if (it->value().is_int64()) return it->value().get_int64();
    if (it->value().is_uint64()) return static_cast<std::int64_t>(it->value().get_uint64());
    if (it->value().is_double()) return static_cast<std::int64_t>(it->value().get_double());
    return 0;
}

const json::object& object_or_empty(const json::value& v) {
    static const json::object empty;
    return v.is_object() ? v.get_object() : empty;
}

std::vector<std::string> strings_member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it == o.end() ? std::vector<std::string>{} : strings_from_json(it->value());
}

}  // namespace

json::value to_json(const std::optional<std::string>& s) {
    return s ? json::value(*s) : json::value(nullptr);
}

json::value to_json(const std::optional<double>& d) {
    return d ? json::value(*d) : json::value(nullptr);
}

json::value to_json(const std::vector<std::string>& strings) {
    json::array a;
    a.reserve(strings.size());
    for (const auto& s : strings) a.emplace_back(s);
    return a;
}

json::value to_json(const Seo& seo) {
    json::object alternates;
    for (const auto& [language, url] : seo.hreflang_alternates) alternates[language] = url;
    return json::object{{"meta_title", seo.meta_title},
                        {"meta_description", seo.meta_description},
                        {"keywords", to_json(seo.keywords)},
                        {"og_image_url", to_json(seo.og_image_url)},
                        {"hreflang_alternates", std::move(alternates)}};
}

json::value to_json(const Cta& cta) {
    return json::object{
        {"label", cta.label}, {"action", to_string(cta.action)}, {"url", to_json(cta.url)}};
}

json::value to_json(const Module& m) {
    return json::object{{"module_id", m.module_id},
                        {"title", m.title},
                        {"description", m.description},
                        {"chapter_count", m.chapter_count},
                        {"estimated_duration_minutes", m.estimated_duration_minutes}};
}

json::value to_json(const Outline& outline) {
    json::array modules;
    modules.reserve(outline.modules.size());
    for (const auto& m : outline.modules) modules.push_back(to_json(m));
    return json::object{{"modules", std::move(modules)},
                        {"prerequisites", to_json(outline.prerequisites)},
                        {"learning_outcomes", to_json(outline.learning_outcomes)}};
}

json::value to_json(const ChangelogEntry& entry) {
    return json::object{{"version", entry.version},
                        {"changelog", to_json(entry.changelog)},
                        {"bumped_at", entry.bumped_at}};
}

json::value to_json(const Distribution& d) {
    const auto fields = distribution_fields();
    json::object o;
    o.reserve(fields.size());
    for (const auto& field : fields) o.emplace(field.name, field.to_json(d));
    return o;
}

json::value to_public_list_item(const Distribution& d) {
    return json::object{{"slug", d.slug},
                        {"language", d.language},
                        {"title", d.title},
                        {"description", d.description},
                        {"target_group", to_json(d.target_group)},
                        {"version", d.version},
                        {"view_count", d.view_count},
                        {"enrollment_count", d.enrollment_count},
                        {"published_at", to_json(d.published_at)}};
}

json::value to_public_detail(const Distribution& d,
                             const std::optional<std::string>& derived_from_slug) {
    json::value v = to_public_list_item(d);
    auto& o = v.get_object();
    o["derived_from_slug"] = to_json(derived_from_slug);
    o["seo"] = to_json(d.seo);
    o["cta"] = to_json(d.cta);
    o["updated_at"] = d.updated_at;
    return v;
}

json::value to_public_outline(const Distribution& d) {
    json::value v = to_json(d.outline);
    auto& o = v.get_object();
    o["slug"] = d.slug;
    o["title"] = d.title;
    o["language"] = d.language;
    o["version"] = d.version;
    o["total_chapters"] = d.outline.total_chapters();
    o["total_duration_minutes"] = d.outline.total_duration_minutes();
    return v;
}

std::vector<std::string> strings_from_json(const json::value& v) {
    std::vector<std::string> out;
    if (!v.is_array()) return out;
    for (const auto& item : v.get_array())
        if (item.is_string()) out.emplace_back(item.get_string());
    return out;
}

Seo seo_from_json(const json::value& v) {
    const auto& o = object_or_empty(v);
    Seo seo;
    seo.meta_title = string_member(o, "meta_title");
    seo.meta_description = string_member(o, "meta_description");
    seo.keywords = strings_member(o, "keywords");
    seo.og_image_url = optional_string_member(o, "og_image_url");
    if (auto it = o.find("hreflang_alternates"); it != o.end() && it->value().is_object())
        for (const auto& [language, url] : it->value().get_object())
            if (url.is_string()) seo.hreflang_alternates[std::string(language)] = url.get_string();
    return seo;
}

Cta cta_from_json(const json::value& v) {
    const auto& o = object_or_empty(v);
    Cta cta;
    cta.label = string_member(o, "label");
    cta.action = parse_cta_action(string_member(o, "action")).value_or(CtaAction::OpenCourse);
    cta.url = optional_string_member(o, "url");
    return cta;
}

Outline outline_from_json(const json::value& v) {
    const auto& o = object_or_empty(v);
    Outline outline;
    if (auto it = o.find("modules"); it != o.end() && it->value().is_array()) {
        for (const auto& item : it->value().get_array()) {
            const auto& m = object_or_empty(item);
            outline.modules.push_back(
                Module{string_member(m, "module_id"), string_member(m, "title"),
                       string_member(m, "description"), int_member(m, "chapter_count"),
                       int_member(m, "estimated_duration_minutes")});
        }
    }
    outline.prerequisites = strings_member(o, "prerequisites");
    outline.learning_outcomes = strings_member(o, "learning_outcomes");
    return outline;
}

}  // namespace coursedist::domain
