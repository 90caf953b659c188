// Method + path dispatch: literal segments and `{name}` captures (whole segments or between a
// literal prefix/suffix); the most literal pattern wins. Patterns are parsed when added; a match
// splits the path into views without copying it.
#include "http/router.hpp"

#include <boost/container/small_vector.hpp>

#include <algorithm>
#include <optional>

namespace coursedist::http {

namespace {

using Segment = Router::Segment;
using PathSegments = boost::container::small_vector<std::string_view, 8>;

// "/a/b/" and "/a/b" give {"a","b"}; "/" and "" give {}. Inner empty segments ("/a//b") are kept
// so that they match nothing (a capture needs a non-empty segment).
PathSegments split_path(std::string_view path) {
    PathSegments segments;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return segments;
    while (true) {
        const auto slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

Segment parse_segment(std::string_view segment) {
    const auto open = segment.find('{');
    const auto close = segment.rfind('}');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return {std::string(segment), {}, {}, false};
    return {std::string(segment.substr(0, open)),
            std::string(segment.substr(open + 1, close - open - 1)),
            std::string(segment.substr(close + 1)), true};
}

// The captured text (empty for a literal), or nullopt when the path segment does not match.
// A capture needs at least one character.
std::optional<std::string_view> match_segment(const Segment& pattern, std::string_view segment) {
    if (!pattern.capture) {
        if (segment != pattern.prefix) return std::nullopt;
        return std::string_view{};
    }
    if (segment.size() <= pattern.prefix.size() + pattern.suffix.size() ||
        !segment.starts_with(pattern.prefix) || !segment.ends_with(pattern.suffix))
        return std::nullopt;
    return segment.substr(pattern.prefix.size(),
                          segment.size() - pattern.prefix.size() - pattern.suffix.size());
}

bool segments_match(const std::vector<Segment>& pattern, const PathSegments& path) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!match_segment(pattern[i], path[i])) return false;
    }
    return true;
}

// Literal 2, capture with a literal prefix or suffix 1, bare capture 0.
int specificity(const Segment& s) {
    if (!s.capture) return 2;
    return s.prefix.empty() && s.suffix.empty() ? 0 : 1;
}

// True when `a` is more specific than `b`: at the first place they differ in kind, `a` has more
// literal text. Both match the same path, so they have the same length.
bool more_specific(const std::vector<Segment>& a, const std::vector<Segment>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const int sa = specificity(a[i]);
        const int sb = specificity(b[i]);
        if (sa != sb) return sa > sb;
    }
    return false;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    std::vector<Segment> segments;
    for (auto segment : split_path(pattern)) segments.push_back(parse_segment(segment));
    routes_.push_back(
        Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    const auto segments = split_path(path);
    const Route* best = nullptr;
    for (const auto& route : routes_) {
        if (route.method != method || !segments_match(route.segments, segments)) continue;
        if (best == nullptr || more_specific(route.segments, best->segments)) best = &route;
    }

    RouteMatch result;
    if (best == nullptr) {
        for (const auto& route : routes_) {
            if (segments_match(route.segments, segments) &&
                std::find(result.allow.begin(), result.allow.end(), route.method) ==
                    result.allow.end())
                result.allow.push_back(route.method);
        }
        std::sort(result.allow.begin(), result.allow.end());
        return result;
    }
    result.handler = &best->handler;
    result.pattern = best->pattern;
    for (std::size_t i = 0; i < best->segments.size(); ++i) {
        const auto& pattern = best->segments[i];
        if (pattern.capture)
            result.params.emplace(pattern.name, std::string(*match_segment(pattern, segments[i])));
    }
    return result;
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(routes_.size());
    for (const auto& route : routes_) out.emplace_back(route.method, route.pattern);
    return out;
}

}  // namespace coursedist::http
