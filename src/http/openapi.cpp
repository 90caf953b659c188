// The OpenAPI 3 description of the HTTP API (served at /openapi.json).

#include "http/api.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

namespace json = boost::json;

namespace {

json::object ref(std::string_view schema) {
    return {{"$ref", "#/components/schemas/" + std::string(schema)}};
}
json::object string_schema(std::optional<int> min = {}, std::optional<int> max = {}) {
    json::object s{{"type", "string"}};
    if (min) s["minLength"] = *min;
    if (max) s["maxLength"] = *max;
    return s;
}
json::object nullable(json::object schema) {
    schema["nullable"] = true;
    return schema;
}
json::object array_of(json::object items) {
    return {{"type", "array"}, {"items", std::move(items)}};
}
json::object object_schema(json::object properties, json::array required = {}) {
    json::object s{
        {"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
    if (!required.empty()) s["required"] = std::move(required);
    return s;
}
json::object enum_schema(std::initializer_list<std::string_view> values) {
    json::array e;
    for (auto v : values) e.emplace_back(v);
    return {{"type", "string"}, {"enum", std::move(e)}};
}
json::object json_content(json::object schema) {
    return {{"application/json", {{"schema", std::move(schema)}}}};
}
json::object response(std::string_view description, std::optional<json::object> schema = {}) {
    json::object r{{"description", description}};
    if (schema) r["content"] = json_content(std::move(*schema));
    return r;
}

json::object schemas() {
    json::object s;
    s["Problem"] = json::object{
        {"type", "object"},
        {"properties",
         {{"type", string_schema()},
          {"title", string_schema()},
          {"status", {{"type", "integer"}}},
          {"detail", string_schema()},
          {"errors",
           array_of(object_schema({{"field", string_schema()}, {"message", string_schema()}}))}}}};
    s["CourseSEO"] = object_schema(
        {{"meta_title", string_schema(10, 60)},
         {"meta_description", string_schema(50, 160)},
         {"keywords",
          json::object{{"type", "array"}, {"maxItems", 10}, {"items", string_schema(1, 50)}}},
         {"og_image_url", nullable({{"type", "string"}, {"format", "uri"}})},
         {"hreflang_alternates",
          {{"type", "object"}, {"additionalProperties", {{"type", "string"}, {"format", "uri"}}}}}},
        {"meta_title", "meta_description"});
    s["CourseCTA"] = object_schema(
        {{"label", string_schema(5, 50)},
         {"action", enum_schema({"open_course", "download_outline", "contact", "custom"})},
         {"url", nullable({{"type", "string"}, {"format", "uri"}})}},
        {"label", "action"});
    s["CourseModule"] =
        object_schema({{"module_id", string_schema(1, 100)},
                       {"title", string_schema(1, 200)},
                       {"description", string_schema(0, 2000)},
                       {"chapter_count", {{"type", "integer"}, {"minimum", 0}}},
                       {"estimated_duration_minutes", {{"type", "integer"}, {"minimum", 0}}}},
                      {"module_id", "title"});
    s["CourseOutline"] = object_schema({{"modules", array_of(ref("CourseModule"))},
                                        {"prerequisites", array_of(string_schema())},
                                        {"learning_outcomes", array_of(string_schema())}});
    json::object common{{"slug",
                         {{"type", "string"},
                          {"pattern", "^[a-z0-9]+(-[a-z0-9]+)*$"},
                          {"minLength", 5},
                          {"maxLength", 100}}},
                        {"language", {{"type", "string"}, {"pattern", "^[a-z]{2}(-[A-Z]{2})?$"}}},
                        {"title", string_schema(10, 200)},
                        {"description", string_schema(50, 1000)},
                        {"target_group", array_of(string_schema(1, 50))},
                        {"version", {{"type", "string"}, {"pattern", "^v[1-9][0-9]*$"}}}};
    json::object distribution = common;
    distribution["distribution_id"] = {{"type", "string"}, {"pattern", "^dist_[0-9a-f]{16}$"}};
    distribution["course_id"] = string_schema(1, 100);
    distribution["derived_from"] = nullable(string_schema());
    distribution["seo"] = ref("CourseSEO");
    distribution["cta"] = ref("CourseCTA");
    distribution["visibility"] = enum_schema({"private", "public", "unlisted"});
    distribution["published_at"] = nullable({{"type", "number"}});
    distribution["staging_url"] = nullable(string_schema());
    distribution["staging_deployed_at"] = nullable(string_schema());
    distribution["outline"] = ref("CourseOutline");
    distribution["view_count"] = {{"type", "integer"}};
    distribution["enrollment_count"] = {{"type", "integer"}};
    distribution["created_at"] = {{"type", "number"}};
    distribution["updated_at"] = {{"type", "number"}};
    s["CourseDistribution"] = object_schema(distribution);

    json::object create = common;
    create["course_id"] = string_schema(1, 100);
    create["seo"] = ref("CourseSEO");
    create["cta"] = ref("CourseCTA");
    create["outline"] = ref("CourseOutline");
    s["CreateDistribution"] =
        object_schema(create, {"course_id", "language", "title", "description"});

    json::object update = common;
    update.erase("version");
    update["seo"] = ref("CourseSEO");
    update["cta"] = ref("CourseCTA");
    update["outline"] = ref("CourseOutline");
    update["visibility"] = enum_schema({"private", "unlisted"});
    s["UpdateDistribution"] = object_schema(update);

    s["CreateVariant"] = object_schema({{"slug", common.at("slug")},
                                        {"language", common.at("language")},
                                        {"title_override", string_schema(10, 200)},
                                        {"description_override", string_schema(50, 1000)},
                                        {"target_group", array_of(string_schema(1, 50))},
                                        {"seo", ref("CourseSEO")},
                                        {"cta", ref("CourseCTA")},
                                        {"additional_context", string_schema(0, 2000)},
                                        {"module_filters", array_of(string_schema())}},
                                       {"target_group"});

    json::object item{{"slug", common.at("slug")},
                      {"language", common.at("language")},
                      {"title", common.at("title")},
                      {"description", common.at("description")},
                      {"target_group", common.at("target_group")},
                      {"version", common.at("version")},
                      {"view_count", {{"type", "integer"}}},
                      {"enrollment_count", {{"type", "integer"}}},
                      {"published_at", nullable({{"type", "number"}})}};
    s["PublicCourseListItem"] = object_schema(item);
    json::object detail = item;
    detail["derived_from_slug"] = nullable(string_schema());
    detail["seo"] = ref("CourseSEO");
    detail["cta"] = ref("CourseCTA");
    detail["updated_at"] = {{"type", "number"}};
    s["PublicCourseDetail"] = object_schema(detail);
    json::object outline{{"slug", common.at("slug")},
                         {"title", common.at("title")},
                         {"language", common.at("language")},
                         {"version", common.at("version")},
                         {"modules", array_of(ref("CourseModule"))},
                         {"prerequisites", array_of(string_schema())},
                         {"learning_outcomes", array_of(string_schema())},
                         {"total_chapters", {{"type", "integer"}}},
                         {"total_duration_minutes", {{"type", "integer"}}}};
    s["PublicCourseOutline"] = object_schema(outline);
    s["VisibilityChange"] =
        object_schema({{"distribution_id", string_schema()},
                       {"visibility", enum_schema({"private", "public", "unlisted"})},
                       {"published_at", nullable({{"type", "number"}})}});
    s["ChangelogEntry"] = object_schema({{"version", string_schema()},
                                         {"changelog", nullable(string_schema())},
                                         {"bumped_at", {{"type", "number"}}}});
    // A consumed event (POST /api/events): payload and meta as objects or JSON strings, as on
    // the stream; handled types course.generation.completed and course.deployed.staging.
    json::object object_or_json_string{
        {"oneOf", json::array{{{"type", "object"}}, string_schema()}}};
    s["IncomingEvent"] = object_schema(
        {{"id", string_schema(1)},
         {"type", string_schema(1)},
         {"source", string_schema(1)},
         {"target", nullable(string_schema())},
         {"payload", object_or_json_string},
         {"timestamp", {{"type", "string"}, {"description", "ISO-8601; without offset = UTC"}}},
         {"tenant_id", string_schema()},
         {"correlation_id", string_schema()},
         {"meta", object_or_json_string}},
        {"id", "type", "source", "payload", "timestamp"});
    s["IngestResult"] =
        object_schema({{"status", enum_schema({"applied", "already_processed", "ignored"})},
                       {"event_id", string_schema()},
                       {"type", string_schema()},
                       {"created", array_of(string_schema())},
                       {"updated", array_of(string_schema())}});
    return s;
}

json::object page_of(std::string_view item_schema) {
    return {{"type", "object"},
            {"properties",
             {{"items", array_of(ref(item_schema))}, {"next_cursor", nullable(string_schema())}}}};
}

json::array list_parameters(bool admin) {
    auto query = [](std::string_view name, json::object schema) {
        return json::object{{"name", name}, {"in", "query"}, {"schema", std::move(schema)}};
    };
    json::array p{
        query("language", string_schema()), query("target_group", string_schema()),
        query("q", string_schema()),
        query("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 100}, {"default", 50}}),
        query("cursor", string_schema())};
    if (admin) p.push_back(query("visibility", enum_schema({"private", "public", "unlisted"})));
    return p;
}

json::object operation(std::string_view summary, bool admin, json::object responses,
                       std::optional<std::string_view> body_schema = {},
                       bool body_required = true) {
    json::object op{{"summary", summary}, {"responses", std::move(responses)}};
    if (admin) {
        op["security"] = json::array{{{"bearerAuth", json::array{}}}};
        op["responses"].as_object()["401"] = response("missing or wrong token", ref("Problem"));
    }
    if (body_schema)
        op["requestBody"] = {{"required", body_required},
                             {"content", json_content(ref(*body_schema))}};
    op["responses"].as_object()["default"] = response("problem", ref("Problem"));
    return op;
}

json::object query_param(std::string_view name, json::object schema, std::string_view description) {
    return {{"name", name},
            {"in", "query"},
            {"required", false},
            {"schema", std::move(schema)},
            {"description", description}};
}

// The BRAiN EventStream envelope of SPEC section 4, as stored in the outbox.
json::object event_page_schema() {
    json::object envelope{{"type", "object"},
                          {"required", {"id", "type", "source", "target", "payload", "timestamp"}},
                          {"properties",
                           {{"id", {{"type", "string"}, {"format", "uuid"}}},
                            {"type", string_schema()},
                            {"source", string_schema()},
                            {"target", nullable(string_schema())},
                            {"payload", {{"type", "object"}}},
                            {"timestamp", {{"type", "string"}, {"format", "date-time"}}},
                            {"correlation_id", string_schema()},
                            {"meta", {{"type", "object"}}}}}};
    return object_schema({{"items", array_of(object_schema({{"seq", {{"type", "integer"}}},
                                                            {"event", std::move(envelope)}}))},
                          {"next_after", {{"type", "integer"}}}},
                         {"items", "next_after"});
}

json::object path_param(std::string_view name) {
    return {{"name", name}, {"in", "path"}, {"required", true}, {"schema", string_schema()}};
}

}  // namespace

std::string openapi_document(const std::string& version) {
    json::object paths;
    auto id_path = [&](std::string suffix, json::object ops) {
        ops["parameters"] = json::array{path_param("id")};
        paths["/api/distributions/{id}" + suffix] = std::move(ops);
    };
    paths["/api/distributions/catalog"] = {
        {"get", [] {
             auto op = operation("Catalog of public courses", false,
                                 {{"200", response("a page", page_of("PublicCourseListItem"))}});
             op["parameters"] = list_parameters(false);
             return op;
         }()}};
    paths["/api/distributions/create"] = {
        {"post", operation("Create a distribution", true,
                           {{"201", response("created", ref("CourseDistribution"))}},
                           "CreateDistribution")}};
    paths["/api/distributions"] = {
        {"get", [] {
             auto op = operation("All distributions", true,
                                 {{"200", response("a page", page_of("CourseDistribution"))}});
             op["parameters"] = list_parameters(true);
             return op;
         }()}};
    id_path("",
            {{"get", operation("A distribution by id (admin), or a public course by slug", false,
                               {{"200", response("the distribution or PublicCourseDetail",
                                                 ref("CourseDistribution"))},
                                {"304", response("not modified")}})},
             {"put", operation("Partial update (If-Match supported)", true,
                               {{"200", response("updated", ref("CourseDistribution"))},
                                {"412", response("If-Match mismatch", ref("Problem"))}},
                               "UpdateDistribution")},
             {"delete", operation("Delete (409 while variants exist)", true,
                                  {{"204", response("deleted")}})}});
    paths["/api/distributions/{slug}/outline"] = {
        {"parameters", json::array{path_param("slug")}},
        {"get", operation("Public outline of a course", false,
                          {{"200", response("outline", ref("PublicCourseOutline"))}})}};
    id_path(
        "/publish",
        {{"post", operation("Publish", true, {{"200", response("ok", ref("VisibilityChange"))}})}});
    id_path("/unpublish",
            {{"post",
              operation("Unpublish", true, {{"200", response("ok", ref("VisibilityChange"))}})}});
    id_path(
        "/log-view",
        {{"post",
          operation("Count one view", true,
                    {{"200", response("count",
                                      object_schema({{"distribution_id", string_schema()},
                                                     {"view_count", {{"type", "integer"}}}}))}})}});
    id_path(
        "/track-click",
        {{"post",
          operation("Count one enrollment click", true,
                    {{"200", response("count", object_schema({{"distribution_id", string_schema()},
                                                              {"enrollment_count",
                                                               {{"type", "integer"}}}}))}})}});
    id_path(
        "/variants",
        {{"post",
          operation("Create a micro-niche variant", true,
                    {{"201", response("created", ref("CourseDistribution"))}}, "CreateVariant")},
         {"get", operation("Variants of a distribution", true,
                           {{"200", response("variants", array_of(ref("CourseDistribution")))}})}});
    id_path(
        "/version-bump",
        {{"post",
          operation(
              "Bump the version", true,
              {{"200", response("bumped", object_schema({{"distribution_id", string_schema()},
                                                         {"old_version", string_schema()},
                                                         {"new_version", string_schema()}}))}})}});
    id_path("/changelog",
            {{"get", operation("Version history", true,
                               {{"200", response("entries", array_of(ref("ChangelogEntry")))}})}});
    // Merged rather than assigned: POST /api/events (consumed events) shares the path.
    auto& events_path = paths["/api/events"];
    if (!events_path.is_object()) events_path = json::object{};
    events_path.as_object()["get"] = [] {
        auto op = operation("The outbox in commit order (the embedded-mode event log)", true,
                            {{"200", response("a page of events", event_page_schema())}});
        op["parameters"] = json::array{
            query_param("after", {{"type", "integer"}, {"minimum", 0}, {"default", 0}},
                        "seq of the last event already seen"),
            query_param("limit",
                        {{"type", "integer"}, {"minimum", 1}, {"maximum", 1000}, {"default", 100}},
                        "events per page")};
        return op;
    }();
    events_path.as_object()["post"] = operation(
        "Apply a consumed event (as from brain:events:stream), deduplicated by its id", true,
        {{"201", response("applied", ref("IngestResult"))},
         {"200", response("already applied, or a type this service ignores", ref("IngestResult"))},
         {"422", response("permanently invalid event; errors name the fields", ref("Problem"))}},
        "IncomingEvent");
    paths["/api/events/stream"] = {
        {"get", [] {
             auto op = operation(
                 "The outbox as Server-Sent Events (id: seq, event: type, data: envelope); "
                 "resumes after the Last-Event-ID header's seq, heartbeat comment every 15 s",
                 true,
                 {{"200",
                   {{"description", "an open event stream"},
                    {"content", {{"text/event-stream", {{"schema", string_schema()}}}}}}}});
             op["parameters"] =
                 json::array{{{"name", "Last-Event-ID"},
                              {"in", "header"},
                              {"required", false},
                              {"schema", {{"type", "integer"}, {"minimum", 0}}}},
                             query_param("after", {{"type", "integer"}, {"minimum", 0}},
                                         "seq to start after when no Last-Event-ID is sent")};
             return op;
         }()}};
    paths["/api/distributions/health"] = {
        {"get", operation("Seed-compatible health", false, {{"200", response("health")}})}};
    for (auto path : {"/healthz", "/livez", "/readyz", "/metrics", "/openapi.json"})
        paths[path] = {{"get", operation("Operations", false, {{"200", response("ok")}})}};

    json::object doc{
        {"openapi", "3.0.3"},
        {"info",
         {{"title", "coursedist"},
          {"version", version},
          {"description", "Public distribution of generated courses."}}},
        {"paths", std::move(paths)},
        {"components",
         {{"schemas", schemas()},
          {"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
    return json::serialize(doc);
}

}  // namespace coursedist::http
