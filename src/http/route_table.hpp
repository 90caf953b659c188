#pragma once
// Every route the service answers, declared once: method, path, who may call it, how it is
// limited, what it takes and answers, and its name in the API description. The router, the
// access checks, the rate limit, /openapi.json, the fuzz target's route list and the route tests
// all read this table; a handler is bound to a route by its operation id (route_binding.hpp), so a
// route cannot be served without an entry here, and an entry cannot go without its handler.
//
// Plain data (no Beast, no service): the fuzz build compiles it on its own.

#include <string_view>
#include <vector>

namespace coursedist::http {

enum class Access {
    Public,  // anyone (JSON API and operations)
    Admin,   // bearer token required, checked before the handler runs
    Page,    // anyone; HTML pages, errors as HTML pages
    // One path, two resources (SPEC section 3): a segment shaped like a distribution id is the
    // admin resource and needs the token; any other segment is a public slug. The handler decides
    // by the segment's shape, so both alternatives are declared.
    PublicOrAdmin,
    // The admin console's HTML pages under /admin (spec/admin-console.md): the handler checks the
    // session cookie (never a bearer token), the CSRF token and the origin of every POST. Not in
    // /openapi.json.
    Console,
};

enum class Limit {
    None,
    // A visitor's request that counts (a page view, an enrollment click): behind the per-client
    // token bucket of --public-rate-limit. Over the limit it is served as usual and not counted
    // (Request::over_visitor_limit); never refused. HEAD counts nothing and takes no token.
    VisitorCounter,
};

// What a body is, for the API description: a JSON schema (a component of openapi.cpp, an array
// of one, a page of items `{items, next_cursor}` of one) or a media type of its own.
enum class BodyKind { None, Json, JsonArray, JsonPage, Html, Xml, Text, Metrics, EventStream };

struct Body {
    BodyKind kind = BodyKind::None;
    std::string_view schema;  // the component, for the JSON kinds
};

inline constexpr Body json_body_of(std::string_view schema) {
    return {BodyKind::Json, schema};
}
inline constexpr Body json_array_of(std::string_view schema) {
    return {BodyKind::JsonArray, schema};
}
inline constexpr Body json_page_of(std::string_view schema) {
    return {BodyKind::JsonPage, schema};
}
inline constexpr Body kHtmlBody{BodyKind::Html, {}};

struct Answer {
    int status;
    std::string_view description;
    Body body{};
};

// The query (and header) parameters a route reads, by family.
enum class Parameters {
    None,
    Catalog,       // language, target_group, q, limit, cursor
    AdminList,     // the catalog's plus visibility
    CatalogPage,   // language, cursor (the HTML catalog)
    LandingPage,   // utm_medium (referrer category of the counted view)
    EventsPage,    // after, limit
    EventsStream,  // Last-Event-ID header, after
    Stats,         // from, to, granularity, tz (one distribution's stats)
    CatalogStats,  // from, to, tz (the catalog's stats, by day)
    BrainPublic,   // language, limit (BRAiN's public list)
    Deliveries,    // limit, cursor (a webhook's delivery log)
    SlugSuggest,   // title, language (slug suggestions)
};

struct Route {
    std::string_view operation_id;  // unique; handlers are bound by it
    std::string_view method;        // GET, POST, PUT, DELETE
    std::string_view path;          // router pattern: literal segments and `{name}` captures
    std::string_view summary;
    std::string_view tag;
    Access access;
    std::vector<Answer> answers;  // besides the ones every route of its access has (401, problem)
    Body request{};               // the JSON request body, when it takes one
    bool request_optional = false;
    Parameters parameters = Parameters::None;
    Limit limit = Limit::None;
    bool head = false;  // HEAD answered too, by the same handler (it sends no body, counts nothing)
    // A route kept for another service's callers (BRAiN's, spec/brain-routes.md): the operation
    // id of the route that replaces it. /openapi.json marks it deprecated and names that route.
    std::string_view replaced_by{};
};

const std::vector<Route>& route_table();
// The route of `operation_id`, or null.
const Route* find_route(std::string_view operation_id);

}  // namespace coursedist::http
