// The catalog page: public courses, newest first, a language filter and forward pagination.

#include "web/labels.hpp"
#include "web/links.hpp"
#include "web/page_views.hpp"

#include <array>

namespace coursedist::web {

namespace mustache = kainjow::mustache;

namespace {

// The languages offered as filter links; any other ?language= gets a link of its own.
constexpr std::array<std::string_view, 2> kFilterLanguages{"de", "en"};

std::string catalog_href(const std::optional<std::string>& language,
                         const std::optional<std::string>& cursor) {
    std::string href = "/courses";
    char separator = '?';
    if (language) {
        href += separator + std::string("language=") + query_escape(*language);
        separator = '&';
    }
    if (cursor) href += separator + std::string("cursor=") + query_escape(*cursor);
    return href;
}

mustache::data filter(std::string label, const std::optional<std::string>& language,
                      const CatalogQuery& query) {
    mustache::data f;
    f["label"] = std::move(label);
    f["href"] = catalog_href(language, std::nullopt);
    f["current"] = query.language == language;
    return f;
}

mustache::list filters(const CatalogQuery& query, bool german) {
    mustache::list out;
    out.push_back(filter(label("all_languages", german), std::nullopt, query));
    bool listed = !query.language;
    for (auto language : kFilterLanguages) {
        out.push_back(filter(language_name(language, german), std::string(language), query));
        listed = listed || query.language == language;
    }
    if (!listed)
        out.push_back(filter(language_name(*query.language, german), query.language, query));
    return out;
}

mustache::data item(const domain::Distribution& d, bool german) {
    mustache::data view;
    view["href"] = course_path(d.slug);
    view["language"] = d.language;
    view["title"] = d.title;
    view["description"] = d.description;
    std::string meta = language_name(d.language, german);
    if (const auto chapters = d.outline.total_chapters(); chapters > 0)
        meta += " · " +
                format_chapters_and_duration(chapters, d.outline.total_duration_minutes(), german);
    view["meta"] = meta;
    return view;
}

}  // namespace

mustache::data catalog_view(const service::ListResult& page, const CatalogQuery& query, bool german,
                            const Site& site) {
    mustache::data view;
    view["t"] = kainjow::mustache::data(labels(german));
    view["lang"] = german ? "de" : "en";
    view["heading"] = label("catalog_title", german);
    view["canonical_url"] = site.base_url + catalog_href(query.language, query.cursor);
    view["filters"] = filters(query, german);
    mustache::list items;
    for (const auto& d : page.items) items.push_back(item(d, german));
    view["has_items"] = !page.items.empty();
    view["items"] = items;
    if (query.cursor) view["first_href"] = catalog_href(query.language, std::nullopt);
    if (page.next_cursor) view["next_href"] = catalog_href(query.language, page.next_cursor);
    return view;
}

}  // namespace coursedist::web
