// Method + path dispatch: literal segments and `{name}` captures; a literal wins over a capture.
#include "http/router.hpp"

#include <algorithm>

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

bool is_capture(std::string_view segment) {
    return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::string_view capture_name(std::string_view segment) {
    return segment.substr(1, segment.size() - 2);
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
    if (pattern.size() != path.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_capture(pattern[i])) {
            if (path[i].empty()) return false;
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

// True when `a` is more specific than `b`: at the first place they differ in kind, `a` has the
// literal. Both match the same path, so they have the same length.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const bool a_literal = !is_capture(a[i]);
        const bool b_literal = !is_capture(b[i]);
        if (a_literal != b_literal) return a_literal;
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
        if (is_capture(best->segments[i])) {
            result.params.emplace(std::string(capture_name(best->segments[i])), segments[i]);
        }
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
