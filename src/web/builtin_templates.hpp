#pragma once
// The page templates compiled into the binary: every src/web/templates/*.mustache file, embedded
// at build time by cmake/embed_text_files.cmake (coursedist_embed_files in CMakeLists.txt).

#include <string_view>
#include <vector>

namespace coursedist::web {

struct TemplateFile {
    std::string_view name;  // file name, e.g. "landing.mustache"
    std::string_view text;
};

const std::vector<TemplateFile>& builtin_templates();

}  // namespace coursedist::web
