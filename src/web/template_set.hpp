#pragma once
// The page templates, compiled once at start-up. The built-in set can be overridden file by file
// from a folder (COURSEDIST_TEMPLATES); every file is checked before the service serves anything,
// so a broken template stops start-up with its name and error instead of failing at request time.
//
// `{{> name}}` includes name.mustache; includes are expanded here, at load time, because kainjow
// would re-parse a partial on every render (and report its errors only then).

#include <kainjow/mustache.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

class TemplateError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct TemplateSource {
    std::string text;
    std::string origin;  // for messages: a file path, or "built-in <name>"
};

class TemplateSet {
  public:
    // The built-in templates, each replaced by the file of the same name in `override_folder`
    // when there is one (extra files there may be included as partials). Throws TemplateError.
    static TemplateSet load(const std::optional<std::filesystem::path>& override_folder);
    // Compiles the given files (name → source). Throws TemplateError.
    explicit TemplateSet(const std::map<std::string, TemplateSource, std::less<>>& files);

    // Renders `name` (e.g. "landing.mustache"). Safe to call from several threads at once:
    // templates hold no partials or lambdas, so kainjow's render only reads the compiled tree.
    std::string render(std::string_view name, const kainjow::mustache::data& data) const;
    bool contains(std::string_view name) const { return compiled_.contains(name); }
    // Changes whenever any template text changes; part of the pages' ETags.
    const std::string& fingerprint() const { return fingerprint_; }
    // The text of every <style> element of any template (each once), as the pages carry it: a
    // style element holds literal CSS only (checked at load), so the Content-Security-Policy can
    // allow exactly these by hash (content_policy.hpp).
    const std::vector<std::string>& inline_styles() const { return inline_styles_; }

  private:
    std::map<std::string, std::unique_ptr<kainjow::mustache::mustache>, std::less<>> compiled_;
    std::string fingerprint_;
    std::vector<std::string> inline_styles_;
};

}  // namespace coursedist::web
