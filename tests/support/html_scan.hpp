#pragma once
// Just enough HTML reading for tests of server-rendered pages: start tags with their attributes
// (entity-decoded), the text of an element, the contents of <script> elements. Not a parser for
// arbitrary HTML: it trusts that comments, scripts and styles are well closed.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::testing {

struct HtmlTag {
    std::string name;                               // lower-case
    std::map<std::string, std::string> attributes;  // names lower-case, values decoded
    std::optional<std::string> attribute(const std::string& name) const;
};

std::vector<HtmlTag> html_start_tags(std::string_view html);
// Tags named `name` whose attribute `key` equals `value`.
std::vector<HtmlTag> tags_where(const std::vector<HtmlTag>& tags, std::string_view name,
                                std::string_view key, std::string_view value);
// content of the one <meta name|property=key>; nullopt when there is none or several.
std::optional<std::string> meta_content(const std::vector<HtmlTag>& tags, std::string_view key);
// The decoded text between <name …> and </name> of the first such element, tags stripped.
std::optional<std::string> element_text(std::string_view html, std::string_view name);
// The raw (undecoded) contents of every <script> of the given type.
std::vector<std::string> script_contents(std::string_view html, std::string_view type);
// The raw contents of every <style> element (what a CSP hash covers).
std::vector<std::string> style_contents(std::string_view html);
std::string html_unescape(std::string_view text);

// xmllint's verdict on `xml` (libxml2-utils): nullopt when well-formed, its message otherwise.
std::optional<std::string> xml_problem(const std::string& xml);

}  // namespace coursedist::testing
