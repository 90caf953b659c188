// The landing page of SPEC section 3: head (SEO, Open Graph, Twitter, hreflang, JSON-LD) and body
// (hero, facts, CTA, audience, outline, outcomes, prerequisites, counters).

#include "domain/defaults.hpp"
#include "web/json_ld.hpp"
#include "web/labels.hpp"
#include "web/links.hpp"
#include "web/page_views.hpp"

namespace coursedist::web {

namespace mustache = kainjow::mustache;

namespace {

mustache::list strings(const std::vector<std::string>& values) {
    mustache::list out;
    for (const auto& v : values) out.emplace_back(v);
    return out;
}

mustache::data fact(const std::string& label, const std::string& value) {
    mustache::data f;
    f["label"] = label;
    f["value"] = value;
    return f;
}

// Chapters and duration only when the outline knows them: an empty outline is unknown, not zero.
mustache::list facts(const domain::Distribution& d, bool german) {
    mustache::list out;
    const auto chapters = d.outline.total_chapters();
    const auto minutes = d.outline.total_duration_minutes();
    if (chapters > 0) out.push_back(fact(label("chapters", german), std::to_string(chapters)));
    if (minutes > 0)
        out.push_back(fact(label("duration", german), format_duration(minutes, german)));
    out.push_back(fact(label("language", german), language_name(d.language, german)));
    out.push_back(fact(label("version", german), d.version));
    return out;
}

mustache::list modules(const domain::Outline& outline, bool german) {
    mustache::list out;
    for (const auto& m : outline.modules) {
        mustache::data module;
        module["title"] = m.title;
        module["has_description"] = !m.description.empty();
        module["description"] = m.description;
        module["meta"] =
            format_chapters_and_duration(m.chapter_count, m.estimated_duration_minutes, german);
        out.push_back(std::move(module));
    }
    return out;
}

void set_head(mustache::data& view, const domain::Distribution& d, const std::string& page_url,
              const Site& site) {
    const auto& seo = d.seo;
    view["meta_title"] = seo.meta_title;
    view["meta_description"] = seo.meta_description;
    const auto keywords = comma_list(seo.keywords);
    view["has_keywords"] = !keywords.empty();
    view["keywords"] = keywords;
    view["noindex"] = d.visibility == domain::Visibility::Unlisted;
    view["canonical_url"] = page_url;

    mustache::list hreflang;
    mustache::list locale_alternates;
    for (const auto& link : hreflang_links(d, page_url)) {
        mustache::data entry;
        entry["code"] = link.code;
        entry["href"] = link.href;
        hreflang.push_back(std::move(entry));
        if (link.code != "x-default" && link.code != d.language)
            locale_alternates.emplace_back(og_locale(link.code));
    }
    view["hreflang"] = hreflang;
    view["og_locale"] = og_locale(d.language);
    view["og_locale_alternates"] = locale_alternates;
    if (seo.og_image_url) {
        mustache::data image;
        image["url"] = *seo.og_image_url;
        image["alt"] = d.title;
        view["og_image"] = std::move(image);
    }
    view["twitter_card"] = seo.og_image_url ? "summary_large_image" : "summary";
    view["json_ld"] = script_safe_json(
        course_json_ld(d, page_url, Provider{site.provider_name, site.base_url + "/"}));
}

}  // namespace

mustache::data landing_view(const service::PublicDetail& detail, const Site& site) {
    const auto& d = detail.distribution;
    const bool german = domain::is_german(d.language);
    const auto page_url = site.base_url + course_path(d.slug);

    mustache::data view;
    view["t"] = kainjow::mustache::data(labels(german));
    view["lang"] = d.language;
    set_head(view, d, page_url, site);

    view["title"] = d.title;
    view["description"] = d.description;
    view["facts"] = facts(d, german);
    view["cta_label"] = d.cta.label;
    // A CTA experiment's variant: the enroll link names it, so the click is attributed without a
    // cookie (growth.md).
    view["enroll_href"] =
        enroll_path(d.slug) + (detail.variant_key ? "?v=" + *detail.variant_key : std::string());
    view["has_target_groups"] = !d.target_group.empty();
    view["target_groups"] = strings(d.target_group);
    view["has_modules"] = !d.outline.modules.empty();
    view["modules"] = modules(d.outline, german);
    const bool has_outcomes = !d.outline.learning_outcomes.empty();
    const bool has_prerequisites = !d.outline.prerequisites.empty();
    view["has_columns"] = has_outcomes || has_prerequisites;
    view["has_outcomes"] = has_outcomes;
    view["learning_outcomes"] = strings(d.outline.learning_outcomes);
    view["has_prerequisites"] = has_prerequisites;
    view["prerequisites"] = strings(d.outline.prerequisites);
    view["counters"] = format_counters(d.view_count, d.enrollment_count, german);
    return view;
}

mustache::data not_found_view(bool german) {
    mustache::data view;
    view["t"] = kainjow::mustache::data(labels(german));
    view["lang"] = german ? "de" : "en";
    return view;
}

}  // namespace coursedist::web
