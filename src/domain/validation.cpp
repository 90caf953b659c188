#include "domain/validation.hpp"

#include "domain/limits.hpp"
#include "domain/slug.hpp"
#include "domain/unicode.hpp"
#include "domain/version.hpp"

#include <string>

namespace coursedist::domain {

using namespace limits;

namespace {

bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f');
}

char ascii_lower(char c) {
    return is_upper(c) ? static_cast<char>(c + 0x20) : c;
}

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (ascii_lower(s[i]) != prefix[i]) return false;
    return true;
}

// Characters that never appear unescaped in a URL and would break the HTML or XML we render
// URLs into.
bool is_forbidden_in_url(unsigned char c) {
    return c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
           c == '`' || c == '{' || c == '|' || c == '}';
}

bool is_valid_host(std::string_view host) {
    if (host.empty()) return false;
    if (host.front() == '[') return host.size() > 2 && host.back() == ']';  // IPv6 literal
    for (char c : host) {
        const auto u = static_cast<unsigned char>(c);
        const bool allowed = is_lower(ascii_lower(c)) || is_digit(c) || c == '-' || c == '.' ||
                             c == '_' || c == '%' || u >= 0x80;  // internationalised names
        if (!allowed) return false;
    }
    return host.front() != '.' && host.front() != '-';
}

std::string path(std::string_view prefix, std::string_view name) {
    if (prefix.empty()) return std::string(name);
    std::string out(prefix);
    out += '.';
    out += name;
    return out;
}

std::string indexed(std::string_view field, std::size_t index) {
    return std::string(field) + "[" + std::to_string(index) + "]";
}

std::string range_message(std::size_t min, std::size_t max, std::size_t got) {
    if (min == 0)
        return "must be at most " + std::to_string(max) + " characters (got " +
               std::to_string(got) + ")";
    return "must be " + std::to_string(min) + "-" + std::to_string(max) + " characters (got " +
           std::to_string(got) + ")";
}

// Length in code points within [min, max]; invalid UTF-8 is reported instead of a length.
// Returns whether the text passed.
bool check_length(std::string_view text, std::size_t min, std::size_t max, const std::string& field,
                  FieldErrors& errors) {
    if (!is_valid_utf8(text)) {
        errors.push_back({field, "invalid UTF-8"});
        return false;
    }
    const std::size_t length = code_points(text);
    if (length < min || length > max) {
        errors.push_back({field, range_message(min, max, length)});
        return false;
    }
    return true;
}

void check_url(std::string_view url, const std::string& field, FieldErrors& errors) {
    if (!check_length(url, 1, kUrlMax, field, errors)) return;
    if (!is_absolute_http_url(url))
        errors.push_back({field, "must be an absolute http:// or https:// URL"});
}

void check_list_size(std::size_t size, std::size_t max, const std::string& field,
                     FieldErrors& errors) {
    if (size > max)
        errors.push_back({field, "must have at most " + std::to_string(max) + " entries (got " +
                                     std::to_string(size) + ")"});
}

void check_strings(const std::vector<std::string>& list, std::size_t max_entries,
                   std::size_t max_length, const std::string& field, FieldErrors& errors) {
    check_list_size(list.size(), max_entries, field, errors);
    for (std::size_t i = 0; i < list.size(); ++i)
        check_length(list[i], 1, max_length, indexed(field, i), errors);
}

void check_count(std::int64_t value, const std::string& field, FieldErrors& errors) {
    if (value < 0 || value > kModuleCountMax)
        errors.push_back({field, "must be 0-" + std::to_string(kModuleCountMax)});
}

}  // namespace

bool is_valid_language(std::string_view language) {
    if (language.size() != 2 && language.size() != 5) return false;
    if (!is_lower(language[0]) || !is_lower(language[1])) return false;
    return language.size() == 2 ||
           (language[2] == '-' && is_upper(language[3]) && is_upper(language[4]));
}

bool is_absolute_http_url(std::string_view url) {
    std::string_view rest;
    if (starts_with_ignoring_case(url, "https://"))
        rest = url.substr(8);
    else if (starts_with_ignoring_case(url, "http://"))
        rest = url.substr(7);
    else
        return false;
    for (char c : url)
        if (is_forbidden_in_url(static_cast<unsigned char>(c))) return false;

    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    std::string_view host = authority;
    if (const auto colon = authority.rfind(':');
        colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        host = authority.substr(0, colon);
        const std::string_view port = authority.substr(colon + 1);
        if (port.empty() || port.size() > 5) return false;
        for (char c : port)
            if (!is_digit(c)) return false;
    }
    return is_valid_host(host);
}

bool is_valid_distribution_id(std::string_view id) {
    constexpr std::string_view kPrefix = "dist_";
    if (id.size() != kPrefix.size() + 16 || !id.starts_with(kPrefix)) return false;
    for (char c : id.substr(kPrefix.size()))
        if (!is_hex(c)) return false;
    return true;
}

void validate_seo(const Seo& seo, std::string_view prefix, FieldErrors& errors) {
    check_length(seo.meta_title, kMetaTitleMin, kMetaTitleMax, path(prefix, "meta_title"), errors);
    check_length(seo.meta_description, kMetaDescriptionMin, kMetaDescriptionMax,
                 path(prefix, "meta_description"), errors);
    check_strings(seo.keywords, kKeywordsMax, kKeywordMax, path(prefix, "keywords"), errors);
    if (seo.og_image_url) check_url(*seo.og_image_url, path(prefix, "og_image_url"), errors);
    const std::string alternates = path(prefix, "hreflang_alternates");
    for (const auto& [language, url] : seo.hreflang_alternates) {
        const std::string field = alternates + "." + sanitize_utf8(language);
        if (!is_valid_language(language))
            errors.push_back({field, "key must be a language such as de, en or de-DE"});
        check_url(url, field, errors);
    }
}

void validate_cta(const Cta& cta, std::string_view prefix, FieldErrors& errors) {
    check_length(cta.label, kCtaLabelMin, kCtaLabelMax, path(prefix, "label"), errors);
    if (cta.url)
        check_url(*cta.url, path(prefix, "url"), errors);
    else if (cta.action == CtaAction::Custom)
        errors.push_back({path(prefix, "url"), "required when action is custom"});
}

void validate_outline(const Outline& outline, std::string_view prefix, FieldErrors& errors) {
    const std::string modules = path(prefix, "modules");
    check_list_size(outline.modules.size(), kOutlineListMax, modules, errors);
    for (std::size_t i = 0; i < outline.modules.size(); ++i) {
        const Module& m = outline.modules[i];
        const std::string module = indexed(modules, i);
        check_length(m.module_id, 1, kModuleIdMax, path(module, "module_id"), errors);
        check_length(m.title, 1, kModuleTitleMax, path(module, "title"), errors);
        check_length(m.description, 0, kModuleDescriptionMax, path(module, "description"), errors);
        check_count(m.chapter_count, path(module, "chapter_count"), errors);
        check_count(m.estimated_duration_minutes, path(module, "estimated_duration_minutes"),
                    errors);
    }
    check_strings(outline.prerequisites, kOutlineListMax, kOutlineEntryMax,
                  path(prefix, "prerequisites"), errors);
    check_strings(outline.learning_outcomes, kOutlineListMax, kOutlineEntryMax,
                  path(prefix, "learning_outcomes"), errors);
}

void validate_target_group(const std::vector<std::string>& groups, std::string_view prefix,
                           FieldErrors& errors) {
    check_strings(groups, kTargetGroupsMax, kTargetGroupMax, std::string(prefix), errors);
}

FieldErrors validate(const Distribution& d) {
    FieldErrors errors;
    // The id is assigned by the service; an empty one has simply not been assigned yet.
    if (!d.distribution_id.empty() && !is_valid_distribution_id(d.distribution_id))
        errors.push_back({"distribution_id", "must be dist_ followed by 16 lowercase hex digits"});
    check_length(d.course_id, 1, kCourseIdMax, "course_id", errors);

    if (check_length(d.slug, kSlugMin, kSlugMax, "slug", errors)) {
        if (!is_valid_slug_pattern(d.slug))
            errors.push_back(
                {"slug", "must be lowercase letters and digits separated by single hyphens"});
        else if (is_reserved_slug(d.slug))
            errors.push_back({"slug", "is reserved for a route"});
    }
    if (!is_valid_language(d.language))
        errors.push_back({"language", "must be a language such as de, en or de-DE"});
    check_length(d.title, kTitleMin, kTitleMax, "title", errors);
    check_length(d.description, kDescriptionMin, kDescriptionMax, "description", errors);
    validate_target_group(d.target_group, "target_group", errors);
    if (!is_valid_version(d.version))
        errors.push_back({"version", "must be v followed by a number >= 1, e.g. v1"});
    if (d.derived_from && !is_valid_distribution_id(*d.derived_from))
        errors.push_back({"derived_from", "must be dist_ followed by 16 lowercase hex digits"});
    validate_seo(d.seo, "seo", errors);
    validate_cta(d.cta, "cta", errors);
    validate_outline(d.outline, "outline", errors);
    if (d.view_count < 0) errors.push_back({"view_count", "must not be negative"});
    if (d.enrollment_count < 0) errors.push_back({"enrollment_count", "must not be negative"});
    return errors;
}

}  // namespace coursedist::domain
