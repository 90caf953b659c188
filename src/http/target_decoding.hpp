#pragma once
// The request target (origin-form: path and query) turned into the decoded path and query
// parameters a handler sees. Kept apart from server.cpp, without Beast, so that it can be fuzzed
// and unit-tested on its own.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coursedist::http {

struct DecodedTarget {
    std::string path;                                        // percent-decoded, starts with '/'
    std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
};

// nullopt when the target must be refused (400): not origin-form, a decoded '/' or NUL inside a
// path segment, a `..` anywhere in the decoded path (path traversal), or NUL in the query.
std::optional<DecodedTarget> decode_target(std::string_view target);

// An application/x-www-form-urlencoded body (an HTML form's POST) as decoded fields in order
// (`+` is a space); nullopt when it is not such a body or holds NUL.
std::optional<std::vector<std::pair<std::string, std::string>>> decode_form(std::string_view body);

}  // namespace coursedist::http
