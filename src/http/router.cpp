// Method + path dispatch: literal segments and `{name}` captures (whole segments or between a
// literal prefix/suffix); the most literal pattern wins.
#include "http/router.hpp"

#include <algorithm>
#include <optional>

namespace coursedist::http {

namespace {

// "/a/b/" and "/a/b" give {"a","b"}; "/" and "" give {}. Inner empty segments ("/a//b") are kept
// so that they match nothing (a capture needs a non-empty segment).
std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> segments;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    if (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return segments;
    std::size_t start = 0;
    while (true) {
        const auto slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            segments.emplace_back(path.substr(start));
            break;
        }
        segments.emplace_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return segments;
}

// A pattern segment: a literal, or a `{name}` capture, optionally between a literal prefix and
// suffix inside the segment (`sitemap-{page}.xml`).
struct SegmentPattern {
    std::string_view prefix;  // the whole segment for a literal
    std::string_view name;
    std::string_view suffix;
    bool capture = false;
};

SegmentPattern parse_segment(std::string_view segment) {
    const auto open = segment.find('{');
    const auto close = segment.rfind('}');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open)
        return {segment, {}, {}, false};
    return {segment.substr(0, open), segment.substr(open + 1, close - open - 1),
            segment.substr(close + 1), true};
}

// The captured text (empty for a literal), or nullopt when the path segment does not match.
// A capture needs at least one character.
std::optional<std::string_view> match_segment(const SegmentPattern& pattern,
                                              std::string_view segment) {
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

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (!match_segment(parse_segment(pattern[i]), path[i])) return false;
    }
    return true;
}

// Literal 2, capture with a literal prefix or suffix 1, bare capture 0.
int specificity(std::string_view segment) {
    const auto p = parse_segment(segment);
    if (!p.capture) return 2;
    return p.prefix.empty() && p.suffix.empty() ? 0 : 1;
}

// True when `a` is more specific than `b`: at the first place they differ in kind, `a` has more
// literal text. Both match the same path, so they have the same length.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const int sa = specificity(a[i]);
        const int sb = specificity(b[i]);
        if (sa != sb) return sa > sb;
    }
    return false;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    auto segments = split_path(pattern);
    routes_.push_back(
        Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    const auto segments = split_path(path);
    const Route* best = nullptr;
    std::vector<std::string> allow;
    for (const auto& route : routes_) {
        if (!segments_match(route.segments, segments)) continue;
        if (route.method == method) {
            if (best == nullptr || more_specific(route.segments, best->segments)) best = &route;
        } else if (std::find(allow.begin(), allow.end(), route.method) == allow.end()) {
            allow.push_back(route.method);
        }
    }

    RouteMatch result;
    if (best == nullptr) {
        std::sort(allow.begin(), allow.end());
        result.allow = std::move(allow);
        return result;
    }
    result.handler = &best->handler;
    result.pattern = best->pattern;
    for (std::size_t i = 0; i < best->segments.size(); ++i) {
        const auto pattern = parse_segment(best->segments[i]);
        if (pattern.capture) {
            result.params.emplace(std::string(pattern.name),
                                  std::string(*match_segment(pattern, segments[i])));
        }
    }
    return result;
}

bool Router::decorate(std::string_view method, std::string_view pattern,
                      const std::function<Handler(Handler)>& decorator) {
    for (auto& route : routes_) {
        if (route.method == method && route.pattern == pattern) {
            route.handler = decorator(std::move(route.handler));
            return true;
        }
    }
    return false;
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(routes_.size());
    for (const auto& route : routes_) out.emplace_back(route.method, route.pattern);
    return out;
}

}  // namespace coursedist::http
