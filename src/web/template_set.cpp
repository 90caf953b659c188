#include "web/template_set.hpp"

#include "domain/etag.hpp"
#include "web/builtin_templates.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace coursedist::web {

namespace mustache = kainjow::mustache;

namespace {

constexpr std::string_view kExtension = ".mustache";
// Deeper nesting than any sensible layout needs: beyond it the includes form a cycle.
constexpr int kMaxIncludeDepth = 8;

// kainjow reports positions as "… at <offset>"; people look for lines.
std::string with_line_number(const std::string& message, std::string_view text) {
    const auto at = message.rfind(" at ");
    if (at == std::string::npos) return message;
    std::size_t offset = 0;
    const char* first = message.data() + at + 4;
    const char* last = message.data() + message.size();
    auto [end, ec] = std::from_chars(first, last, offset);
    if (ec != std::errc{} || end != last || offset > text.size()) return message;
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
    return message + " (line " + std::to_string(line) + ")";
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TemplateError(path.string() + ": cannot be read");
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

using Files = std::map<std::string, TemplateSource, std::less<>>;

// `text` with every `{{> name}}` replaced by the (expanded) text of name.mustache.
std::string expand_includes(const Files& files, const TemplateSource& source, int depth) {
    if (depth > kMaxIncludeDepth)
        throw TemplateError(source.origin + ": includes nest deeper than " +
                            std::to_string(kMaxIncludeDepth) + " levels (a cycle?)");
    std::string out;
    std::string_view rest = source.text;
    while (true) {
        const auto open = rest.find("{{>");
        if (open == std::string_view::npos) break;
        const auto close = rest.find("}}", open);
        if (close == std::string_view::npos) break;  // the compiler reports the unclosed tag
        out.append(rest.substr(0, open));
        const auto name = std::string(trim(rest.substr(open + 3, close - open - 3)));
        const auto included = files.find(name + std::string(kExtension));
        if (included == files.end())
            throw TemplateError(source.origin + ": includes \"" + name + "\", but there is no " +
                                name + std::string(kExtension));
        out += expand_includes(files, included->second, depth + 1);
        rest.remove_prefix(close + 2);
    }
    out.append(rest);
    return out;
}

// The contents of the <style> elements of an expanded template, added to `styles` (each once).
// Throws TemplateError for one that holds a tag: its text would vary, and so would its hash.
void collect_styles(std::string_view text, const std::string& origin,
                    std::vector<std::string>& styles) {
    constexpr std::string_view kOpen = "<style>";
    constexpr std::string_view kClose = "</style>";
    for (auto open = text.find(kOpen); open != std::string_view::npos;
         open = text.find(kOpen, open + kOpen.size())) {
        const auto start = open + kOpen.size();
        const auto close = text.find(kClose, start);
        if (close == std::string_view::npos)
            throw TemplateError(origin + ": a <style> element is not closed");
        auto css = std::string(text.substr(start, close - start));
        if (css.find("{{") != std::string::npos)
            throw TemplateError(origin +
                                ": a <style> element holds a {{tag}}; it must be literal CSS "
                                "(the Content-Security-Policy allows it by its hash)");
        if (std::find(styles.begin(), styles.end(), css) == styles.end())
            styles.push_back(std::move(css));
    }
}

}  // namespace

TemplateSet TemplateSet::load(const std::optional<std::filesystem::path>& override_folder) {
    Files files;
    for (const auto& file : builtin_templates())
        files[std::string(file.name)] = {std::string(file.text),
                                         "built-in template " + std::string(file.name)};
    if (override_folder) {
        std::error_code ec;
        if (!std::filesystem::is_directory(*override_folder, ec))
            throw TemplateError("template folder " + override_folder->string() +
                                " is not a readable directory");
        for (const auto& entry : std::filesystem::directory_iterator(*override_folder)) {
            const auto& path = entry.path();
            if (!entry.is_regular_file() || path.extension() != kExtension) continue;
            files[path.filename().string()] = {read_text(path), path.string()};
        }
    }
    return TemplateSet(files);
}

TemplateSet::TemplateSet(const Files& files) {
    std::string all_texts;
    for (const auto& [name, source] : files) {
        // Each file on its own first, so an error names the file and a line in it.
        mustache::mustache alone(source.text);
        if (!alone.is_valid())
            throw TemplateError(source.origin + ": " +
                                with_line_number(alone.error_message(), source.text));
        auto expanded = expand_includes(files, source, 0);
        auto compiled = std::make_unique<mustache::mustache>(expanded);
        if (!compiled->is_valid())
            throw TemplateError(source.origin + " with its includes: " +
                                with_line_number(compiled->error_message(), expanded));
        collect_styles(expanded, source.origin, inline_styles_);
        all_texts += name + '\0' + expanded + '\0';
        compiled_.emplace(name, std::move(compiled));
    }
    fingerprint_ = domain::strong_etag(all_texts);
}

std::string TemplateSet::render(std::string_view name, const mustache::data& data) const {
    const auto found = compiled_.find(name);
    if (found == compiled_.end()) throw TemplateError("no template " + std::string(name));
    std::string out;
    out.reserve(16 * 1024);
    found->second->render(data, [&out](const std::string& piece) { out += piece; });
    return out;
}

}  // namespace coursedist::web
