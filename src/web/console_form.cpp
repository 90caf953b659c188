#include "web/console_form.hpp"

#include "domain/limits.hpp"

#include <boost/json.hpp>

#include <optional>

namespace coursedist::web {

namespace json = boost::json;
namespace mustache = kainjow::mustache;
namespace limits = domain::limits;

namespace {

enum class Input { Text, Area, Url, Action, Modules };

struct FormField {
    std::string_view name;  // the input's name and id
    std::string_view label;
    Input input;
    // Where the API reports its errors: a member path (`seo.meta_title`), or a prefix of one
    // ending in `*` (`outline*`: any member under it).
    std::string_view errors_of;
    std::string_view hint{};
    std::size_t max = 0;  // the counter's maximum (0: no counter)
    bool create_only = false;
    bool required = false;
};

const std::vector<FormField>& fields() {
    static const std::vector<FormField> table{
        {"course_id", "Course ID", Input::Text, "course_id", {}, 0, true, true},
        {"title", "Title", Input::Text, "title", "10–200 characters", limits::kTitleMax, false,
         true},
        {"description", "Description", Input::Area, "description", "50–1000 characters",
         limits::kDescriptionMax, false, true},
        {"language", "Language", Input::Text, "language", "e.g. de, en or de-DE", 0, false, true},
        {"slug", "Slug", Input::Text, "slug",
         "lowercase letters and digits with single hyphens; empty: made from the title"},
        {"target_groups", "Target groups", Input::Text, "target_group*", "comma-separated"},
        {"meta_title", "Meta title", Input::Text, "seo.meta_title",
         "10–60 characters; empty with an empty meta description: made from the title",
         limits::kMetaTitleMax},
        {"meta_description", "Meta description", Input::Area, "seo.meta_description",
         "50–160 characters", limits::kMetaDescriptionMax},
        {"keywords", "Keywords", Input::Text, "seo.keywords*", "comma-separated, at most 10"},
        {"og_image_url", "OG image URL", Input::Url, "seo.og_image_url"},
        {"cta_label", "CTA label", Input::Text, "cta.label",
         "5–50 characters; empty: the default call to action", limits::kCtaLabelMax},
        {"cta_action", "CTA action", Input::Action, "cta.action"},
        {"cta_url", "CTA URL", Input::Url, "cta.url", "required when the action is custom"},
        {"modules", "Modules", Input::Modules, "outline*",
         "one module a line: title | description | chapters | minutes"},
    };
    return table;
}

constexpr std::string_view kActions[] = {"open_course", "download_outline", "contact", "custom"};
constexpr std::string_view kActionLabels[] = {"Open the course", "Download the outline", "Contact",
                                              "Custom URL"};

std::string value_of(const FormValues& values, std::string_view name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return std::string(text);
}

std::vector<std::string> split(std::string_view text, char separator) {
    std::vector<std::string> out;
    while (true) {
        const auto at = text.find(separator);
        out.push_back(trimmed(text.substr(0, at)));
        if (at == std::string_view::npos) break;
        text.remove_prefix(at + 1);
    }
    return out;
}

json::array list_of(std::string_view text) {
    json::array out;
    for (auto& entry : comma_separated(text)) out.emplace_back(entry);
    return out;
}

// A count as JSON: the integer when the text is one, else the text (the decoder names it).
json::value count_of(const std::string& text) {
    if (text.empty()) return 0;
    try {
        std::size_t used = 0;
        const auto n = std::stoll(text, &used);
        if (used == text.size()) return n;
    } catch (const std::exception&) {
    }
    return json::value(text);
}

// The modules of the textarea; ids by position from `ids`, else module-N.
json::array modules_of(std::string_view text, const std::vector<std::string>& ids) {
    json::array out;
    std::size_t index = 0;
    for (const auto& line : split(text, '\n')) {
        if (line.empty()) continue;
        auto parts = split(line, '|');
        parts.resize(4);
        const auto id = index < ids.size() ? ids[index] : "module-" + std::to_string(index + 1);
        out.push_back(json::object{{"module_id", id},
                                   {"title", parts[0]},
                                   {"description", parts[1]},
                                   {"chapter_count", count_of(parts[2])},
                                   {"estimated_duration_minutes", count_of(parts[3])}});
        ++index;
    }
    return out;
}

std::optional<json::object> seo_of(const FormValues& v,
                                   const std::map<std::string, std::string>& alternates) {
    const auto title = value_of(v, "meta_title");
    const auto description = value_of(v, "meta_description");
    const auto keywords = value_of(v, "keywords");
    const auto image = trimmed(value_of(v, "og_image_url"));
    if (title.empty() && description.empty() && keywords.empty() && image.empty() &&
        alternates.empty())
        return std::nullopt;
    json::object seo{
        {"meta_title", title}, {"meta_description", description}, {"keywords", list_of(keywords)}};
    if (!image.empty()) seo["og_image_url"] = image;
    if (!alternates.empty()) {
        json::object a;
        for (const auto& [language, url] : alternates) a[language] = url;
        seo["hreflang_alternates"] = std::move(a);
    }
    return seo;
}

std::optional<json::object> cta_of(const FormValues& v) {
    const auto label = value_of(v, "cta_label");
    const auto action = value_of(v, "cta_action");
    const auto url = trimmed(value_of(v, "cta_url"));
    if (label.empty() && url.empty() && (action.empty() || action == "open_course"))
        return std::nullopt;
    json::object cta{{"label", label}, {"action", action.empty() ? "open_course" : action}};
    if (!url.empty()) cta["url"] = url;
    return cta;
}

// The form field the API's error about `member` belongs to; "" for none.
std::string_view field_of(std::string_view member) {
    for (const auto& f : fields()) {
        if (f.errors_of.ends_with('*')) {
            if (member.starts_with(f.errors_of.substr(0, f.errors_of.size() - 1))) return f.name;
        } else if (member == f.errors_of) {
            return f.name;
        }
    }
    if (member == "seo") return "meta_title";
    if (member == "cta") return "cta_label";
    return {};
}

std::size_t code_points(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xc0) != 0x80;
    return n;
}

}  // namespace

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : std::string(separator)) + v;
    return out;
}

std::vector<std::string> comma_separated(std::string_view text) {
    auto entries = split(text, ',');
    std::erase_if(entries, [](const std::string& e) { return e.empty(); });
    return entries;
}

FormValues form_values(const domain::Distribution& d) {
    FormValues v{{"course_id", d.course_id},
                 {"title", d.title},
                 {"description", d.description},
                 {"language", d.language},
                 {"slug", d.slug},
                 {"target_groups", joined(d.target_group, ", ")},
                 {"meta_title", d.seo.meta_title},
                 {"meta_description", d.seo.meta_description},
                 {"keywords", joined(d.seo.keywords, ", ")},
                 {"og_image_url", d.seo.og_image_url.value_or("")},
                 {"cta_label", d.cta.label},
                 {"cta_action", std::string(domain::to_string(d.cta.action))},
                 {"cta_url", d.cta.url.value_or("")}};
    std::string modules;
    for (const auto& m : d.outline.modules)
        modules += m.title + " | " + m.description + " | " + std::to_string(m.chapter_count) +
                   " | " + std::to_string(m.estimated_duration_minutes) + "\n";
    v["modules"] = modules;
    return v;
}

json::object create_body(const FormValues& v) {
    json::object body{{"course_id", trimmed(value_of(v, "course_id"))},
                      {"title", value_of(v, "title")},
                      {"description", value_of(v, "description")},
                      {"language", trimmed(value_of(v, "language"))},
                      {"target_group", list_of(value_of(v, "target_groups"))}};
    if (auto slug = trimmed(value_of(v, "slug")); !slug.empty()) body["slug"] = slug;
    if (auto seo = seo_of(v, {})) body["seo"] = std::move(*seo);
    if (auto cta = cta_of(v)) body["cta"] = std::move(*cta);
    if (auto modules = modules_of(value_of(v, "modules"), {}); !modules.empty())
        body["outline"] = json::object{{"modules", std::move(modules)}};
    return body;
}

json::object update_body(const FormValues& v, const domain::Distribution& current) {
    json::object body{{"title", value_of(v, "title")},
                      {"description", value_of(v, "description")},
                      {"language", trimmed(value_of(v, "language"))},
                      {"target_group", list_of(value_of(v, "target_groups"))}};
    if (auto slug = trimmed(value_of(v, "slug")); !slug.empty()) body["slug"] = slug;
    if (auto seo = seo_of(v, current.seo.hreflang_alternates)) body["seo"] = std::move(*seo);
    if (auto cta = cta_of(v)) body["cta"] = std::move(*cta);
    std::vector<std::string> ids;
    for (const auto& m : current.outline.modules) ids.push_back(m.module_id);
    json::array prerequisites(current.outline.prerequisites.begin(),
                              current.outline.prerequisites.end());
    json::array outcomes(current.outline.learning_outcomes.begin(),
                         current.outline.learning_outcomes.end());
    body["outline"] = json::object{{"modules", modules_of(value_of(v, "modules"), ids)},
                                   {"prerequisites", std::move(prerequisites)},
                                   {"learning_outcomes", std::move(outcomes)}};
    return body;
}

std::map<std::string, std::vector<std::string>> errors_by_field(const domain::FieldErrors& errors) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& e : errors) {
        const auto field = std::string(field_of(e.field));
        std::string base;
        for (const auto& f : fields())
            if (f.name == field) base = std::string(f.errors_of);
        const bool exact = !field.empty() && e.field == base;
        out[field].push_back(exact ? e.message : e.field + ": " + e.message);
    }
    return out;
}

mustache::data form_view(FormMode mode, const FormValues& values,
                         const std::map<std::string, std::vector<std::string>>& errors,
                         const std::string& site_url) {
    mustache::list list;
    for (const auto& f : fields()) {
        if (f.create_only && mode == FormMode::Update) continue;
        mustache::data field;
        const std::string name(f.name);
        field["name"] = name;
        field["label"] = std::string(f.label);
        field["value"] = value_of(values, f.name);
        field["required"] = f.required && (mode == FormMode::Create || f.name != "course_id");
        if (!f.hint.empty()) field["hint"] = std::string(f.hint);
        if (f.max > 0) {
            field["max"] = std::to_string(f.max);
            field["counter_id"] = name + "-count";
        }
        field["is_text"] = f.input == Input::Text;
        field["is_url"] = f.input == Input::Url;
        field["is_area"] = f.input == Input::Area || f.input == Input::Modules;
        field["is_select"] = f.input == Input::Action;
        if (f.input == Input::Action) {
            mustache::list options;
            const auto current = value_of(values, f.name);
            for (std::size_t i = 0; i < std::size(kActions); ++i) {
                mustache::data o;
                o["value"] = std::string(kActions[i]);
                o["label"] = std::string(kActionLabels[i]);
                o["selected"] = current == kActions[i] || (current.empty() && i == 0);
                options.push_back(o);
            }
            field["options"] = options;
        }
        std::string described;
        if (auto it = errors.find(name); it != errors.end()) {
            field["error"] = joined(it->second, "; ");
            field["error_id"] = name + "-error";
            described = name + "-error";
        }
        if (!f.hint.empty()) described += (described.empty() ? "" : " ") + name + "-hint";
        if (f.max > 0) {
            described += (described.empty() ? "" : " ") + name + "-count";
            field["count"] = std::to_string(code_points(value_of(values, f.name)));
        }
        if (!described.empty()) field["describedby"] = described;
        list.push_back(field);
    }
    mustache::data view;
    view["fields"] = list;
    if (auto it = errors.find(""); it != errors.end())
        view["form_error"] = joined(it->second, "; ");
    view["has_errors"] = !errors.empty();
    // The search-result preview of the SEO fields (the script updates it while typing).
    const auto meta_title = value_of(values, "meta_title");
    view["preview_title"] = meta_title.empty() ? value_of(values, "title") : meta_title;
    const auto meta_description = value_of(values, "meta_description");
    view["preview_description"] =
        meta_description.empty() ? value_of(values, "description") : meta_description;
    const auto slug = value_of(values, "slug");
    view["preview_url"] = site_url + "/courses/" + (slug.empty() ? std::string("…") : slug);
    return view;
}

}  // namespace coursedist::web
