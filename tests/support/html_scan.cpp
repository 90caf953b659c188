#include "support/html_scan.hpp"

#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace coursedist::testing {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

void append_utf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Parses one start tag from just after '<'; returns the position after '>'.
std::size_t read_tag(std::string_view html, std::size_t at, HtmlTag& tag) {
    std::size_t i = at;
    while (i < html.size() && is_name_char(html[i])) ++i;
    tag.name = lower(html.substr(at, i - at));
    while (i < html.size() && html[i] != '>') {
        if (std::isspace(static_cast<unsigned char>(html[i])) || html[i] == '/') {
            ++i;
            continue;
        }
        const auto name_start = i;
        while (i < html.size() && is_name_char(html[i])) ++i;
        if (i == name_start) {  // stray character
            ++i;
            continue;
        }
        auto name = lower(html.substr(name_start, i - name_start));
        std::string value;
        if (i < html.size() && html[i] == '=') {
            ++i;
            if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
                const char quote = html[i++];
                const auto end = html.find(quote, i);
                value = html_unescape(html.substr(i, end - i));
                i = end == std::string_view::npos ? html.size() : end + 1;
            } else {
                const auto start = i;
                while (i < html.size() && !std::isspace(static_cast<unsigned char>(html[i])) &&
                       html[i] != '>')
                    ++i;
                value = html_unescape(html.substr(start, i - start));
            }
        }
        tag.attributes[name] = value;
    }
    return i + 1;
}

}  // namespace

std::optional<std::string> HtmlTag::attribute(const std::string& name) const {
    auto found = attributes.find(name);
    if (found == attributes.end()) return std::nullopt;
    return found->second;
}

std::string html_unescape(std::string_view text) {
    static const std::array<std::pair<std::string_view, std::string_view>, 6> kNamed{
        {{"amp", "&"},
         {"lt", "<"},
         {"gt", ">"},
         {"quot", "\""},
         {"apos", "'"},
         {"nbsp", "\xC2\xA0"}}};
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto semicolon = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
        if (semicolon == std::string_view::npos || semicolon - i > 10) {
            out += text[i];
            continue;
        }
        const auto entity = text.substr(i + 1, semicolon - i - 1);
        bool decoded = false;
        if (entity.starts_with('#') && entity.size() > 1) {
            const bool hex = entity[1] == 'x' || entity[1] == 'X';
            const auto digits = std::string(entity.substr(hex ? 2 : 1));
            append_utf8(out, std::stoul(digits, nullptr, hex ? 16 : 10));
            decoded = true;
        } else {
            for (const auto& [name, replacement] : kNamed) {
                if (entity == name) {
                    out += replacement;
                    decoded = true;
                }
            }
        }
        if (decoded) {
            i = semicolon;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<HtmlTag> html_start_tags(std::string_view html) {
    std::vector<HtmlTag> tags;
    std::size_t i = 0;
    while ((i = html.find('<', i)) != std::string_view::npos) {
        if (html.substr(i, 4) == "<!--") {
            i = html.find("-->", i);
            if (i == std::string_view::npos) break;
            continue;
        }
        if (i + 1 >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i + 1]))) {
            ++i;
            continue;
        }
        HtmlTag tag;
        i = read_tag(html, i + 1, tag);
        if (tag.name == "script" || tag.name == "style") {  // raw text: skip to its end tag
            i = lower(html).find("</" + tag.name, i);
            if (i == std::string_view::npos) i = html.size();
        }
        tags.push_back(std::move(tag));
    }
    return tags;
}

std::vector<HtmlTag> tags_where(const std::vector<HtmlTag>& tags, std::string_view name,
                                std::string_view key, std::string_view value) {
    std::vector<HtmlTag> out;
    for (const auto& tag : tags) {
        auto found = tag.attributes.find(std::string(key));
        if (tag.name == name && found != tag.attributes.end() && found->second == value)
            out.push_back(tag);
    }
    return out;
}

std::optional<std::string> meta_content(const std::vector<HtmlTag>& tags, std::string_view key) {
    auto by_name = tags_where(tags, "meta", "name", key);
    auto by_property = tags_where(tags, "meta", "property", key);
    by_name.insert(by_name.end(), by_property.begin(), by_property.end());
    if (by_name.size() != 1) return std::nullopt;
    return by_name.front().attribute("content");
}

std::optional<std::string> element_text(std::string_view html, std::string_view name) {
    const auto open = html.find("<" + std::string(name));
    if (open == std::string_view::npos) return std::nullopt;
    const auto start = html.find('>', open);
    const auto end = html.find("</" + std::string(name), start);
    if (start == std::string_view::npos || end == std::string_view::npos) return std::nullopt;
    std::string text;
    bool in_tag = false;
    for (char c : html.substr(start + 1, end - start - 1)) {
        if (c == '<') in_tag = true;
        if (!in_tag) text += c;
        if (c == '>') in_tag = false;
    }
    return html_unescape(text);
}

std::vector<std::string> script_contents(std::string_view html, std::string_view type) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while ((i = html.find("<script", i)) != std::string_view::npos) {
        HtmlTag tag;
        const auto body = read_tag(html, i + 1, tag);
        const auto end = html.find("</script", body);
        if (end == std::string_view::npos) break;
        if (tag.attribute("type").value_or("") == type)
            out.emplace_back(html.substr(body, end - body));
        i = end;
    }
    return out;
}

std::vector<std::string> style_contents(std::string_view html) {
    std::vector<std::string> out;
    for (auto at = html.find("<style>"); at != std::string_view::npos;
         at = html.find("<style>", at + 1)) {
        const auto body = at + std::string_view("<style>").size();
        const auto end = html.find("</style>", body);
        if (end == std::string_view::npos) break;
        out.emplace_back(html.substr(body, end - body));
    }
    return out;
}

std::optional<std::string> xml_problem(const std::string& xml) {
    char path[] = "/tmp/coursedist-xml-XXXXXX";
    const int fd = ::mkstemp(path);
    if (fd < 0) throw std::runtime_error("mkstemp failed");
    ::close(fd);
    std::ofstream(path, std::ios::binary) << xml;
    const auto command = std::string("xmllint --noout ") + path + " 2>&1";
    std::string output;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run xmllint");
    std::array<char, 4096> buffer{};
    while (auto n = std::fread(buffer.data(), 1, buffer.size(), pipe))
        output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    ::unlink(path);
    if (status == 0) return std::nullopt;
    return output.empty() ? std::string("xmllint failed (is libxml2-utils installed?)") : output;
}

}  // namespace coursedist::testing
