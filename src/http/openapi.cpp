// The OpenAPI 3 description served at /openapi.json: the operations come from the route table,
// the schemas' limits from domain::limits and the slug rules, the enums from the domain's names.

#include "domain/experiment.hpp"
#include "domain/keywords.hpp"
#include "domain/limits.hpp"
#include "domain/model.hpp"
#include "domain/requests.hpp"
#include "domain/slug.hpp"
#include "domain/stats_range.hpp"
#include "domain/webhook.hpp"
#include "http/api.hpp"
#include "http/route_table.hpp"
#include "service/stats_service.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace coursedist::http {

namespace json = boost::json;
using namespace domain::limits;

namespace {

json::object ref(std::string_view schema) {
    return {{"$ref", "#/components/schemas/" + std::string(schema)}};
}
json::object string_schema(std::optional<std::size_t> min = {},
                           std::optional<std::size_t> max = {}) {
    json::object s{{"type", "string"}};
    if (min) s["minLength"] = *min;
    if (max) s["maxLength"] = *max;
    return s;
}
json::object pattern_schema(const char* pattern) {
    return {{"type", "string"}, {"pattern", pattern}};
}
json::object integer_schema(std::optional<std::int64_t> min = {}) {
    json::object s{{"type", "integer"}};
    if (min) s["minimum"] = *min;
    return s;
}
json::object url_schema() {
    return {{"type", "string"}, {"format", "uri"}, {"maxLength", kUrlMax}};
}
json::object nullable(json::object schema) {
    schema["nullable"] = true;
    return schema;
}
json::object array_of(json::object items, std::optional<std::size_t> max_items = {}) {
    json::object s{{"type", "array"}, {"items", std::move(items)}};
    if (max_items) s["maxItems"] = *max_items;
    return s;
}
json::object object_schema(json::object properties, json::array required = {}) {
    json::object s{
        {"type", "object"}, {"additionalProperties", false}, {"properties", std::move(properties)}};
    if (!required.empty()) s["required"] = std::move(required);
    return s;
}
template <typename Values>
json::object enum_schema(const Values& values) {
    json::array e;
    for (const auto& v : values) e.emplace_back(v);
    return {{"type", "string"}, {"enum", std::move(e)}};
}
template <typename Enum>
json::object enum_of(std::initializer_list<Enum> values) {
    json::array e;
    for (auto v : values) e.emplace_back(domain::to_string(v));
    return {{"type", "string"}, {"enum", std::move(e)}};
}

json::object visibility_schema() {
    using domain::Visibility;
    return enum_of({Visibility::Private, Visibility::Public, Visibility::Unlisted});
}

// The fields a distribution shares with the requests that create and change it.
json::object common_fields() {
    auto slug = pattern_schema(domain::limits::kSlugPattern);
    slug["minLength"] = domain::kSlugMin;
    slug["maxLength"] = domain::kSlugMax;
    return {{"slug", std::move(slug)},
            {"language", pattern_schema(kLanguagePattern)},
            {"title", string_schema(kTitleMin, kTitleMax)},
            {"description", string_schema(kDescriptionMin, kDescriptionMax)},
            {"target_group", array_of(string_schema(1, kTargetGroupMax), kTargetGroupsMax)},
            {"version", pattern_schema(kVersionPattern)}};
}

void add_model_schemas(json::object& s) {
    using domain::CtaAction;
    s["Problem"] = json::object{
        {"type", "object"},
        {"properties",
         {{"type", string_schema()},
          {"title", string_schema()},
          {"status", integer_schema()},
          {"detail", string_schema()},
          {"errors",
           array_of(object_schema({{"field", string_schema()}, {"message", string_schema()}}))}}}};
    s["CourseSEO"] = object_schema(
        {{"meta_title", string_schema(kMetaTitleMin, kMetaTitleMax)},
         {"meta_description", string_schema(kMetaDescriptionMin, kMetaDescriptionMax)},
         {"keywords", array_of(string_schema(1, kKeywordMax), kKeywordsMax)},
         {"og_image_url", nullable(url_schema())},
         {"hreflang_alternates", {{"type", "object"}, {"additionalProperties", url_schema()}}}},
        {"meta_title", "meta_description"});
    s["CourseCTA"] =
        object_schema({{"label", string_schema(kCtaLabelMin, kCtaLabelMax)},
                       {"action", enum_of({CtaAction::OpenCourse, CtaAction::DownloadOutline,
                                           CtaAction::Contact, CtaAction::Custom})},
                       {"url", nullable(url_schema())}},
                      {"label"});
    s["CourseModule"] = object_schema({{"module_id", string_schema(1, kModuleIdMax)},
                                       {"title", string_schema(1, kModuleTitleMax)},
                                       {"description", string_schema(0, kModuleDescriptionMax)},
                                       {"chapter_count", integer_schema(0)},
                                       {"estimated_duration_minutes", integer_schema(0)}},
                                      {"module_id", "title"});
    const auto entries = array_of(string_schema(0, kOutlineEntryMax), kOutlineListMax);
    s["CourseOutline"] = object_schema({{"modules", array_of(ref("CourseModule"), kOutlineListMax)},
                                        {"prerequisites", entries},
                                        {"learning_outcomes", entries}});

    json::object distribution = common_fields();
    distribution["distribution_id"] = pattern_schema(kDistributionIdPattern);
    distribution["course_id"] = string_schema(1, kCourseIdMax);
    distribution["derived_from"] = nullable(pattern_schema(kDistributionIdPattern));
    distribution["seo"] = ref("CourseSEO");
    distribution["cta"] = ref("CourseCTA");
    distribution["visibility"] = visibility_schema();
    distribution["published_at"] = nullable({{"type", "number"}});
    distribution["staging_url"] = nullable(string_schema());
    distribution["staging_deployed_at"] = nullable(string_schema());
    distribution["outline"] = ref("CourseOutline");
    distribution["view_count"] = integer_schema(0);
    distribution["enrollment_count"] = integer_schema(0);
    distribution["created_at"] = {{"type", "number"}};
    distribution["updated_at"] = {{"type", "number"}};
    s["CourseDistribution"] = object_schema(distribution);
}

void add_request_schemas(json::object& s) {
    const auto common = common_fields();
    json::object create = common;
    create["course_id"] = string_schema(1, kCourseIdMax);
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
    update["visibility"] = enum_of({domain::Visibility::Private, domain::Visibility::Unlisted});
    s["UpdateDistribution"] = object_schema(update);

    s["CreateVariant"] =
        object_schema({{"slug", common.at("slug")},
                       {"language", common.at("language")},
                       {"title_override", string_schema(kTitleMin, kTitleMax)},
                       {"description_override", string_schema(kDescriptionMin, kDescriptionMax)},
                       {"target_group",
                        [&] {
                            auto groups = common.at("target_group").as_object();
                            groups["minItems"] = 1;
                            return groups;
                        }()},
                       {"seo", ref("CourseSEO")},
                       {"cta", ref("CourseCTA")},
                       {"additional_context", string_schema(0, kAdditionalContextMax)},
                       {"module_filters", array_of(string_schema())}},
                      {"target_group"});
    s["LogView"] = object_schema({{"referrer_category", enum_schema(domain::kReferrerCategories)}});
    s["TrackClick"] = object_schema({{"cta_type", string_schema(1, kCtaTypeMax)}});
    s["VersionBump"] = object_schema({{"changelog", string_schema(0, kChangelogMax)}});
}

void add_answer_schemas(json::object& s) {
    const auto common = common_fields();
    json::object item{{"slug", common.at("slug")},
                      {"language", common.at("language")},
                      {"title", common.at("title")},
                      {"description", common.at("description")},
                      {"target_group", common.at("target_group")},
                      {"version", common.at("version")},
                      {"view_count", integer_schema(0)},
                      {"enrollment_count", integer_schema(0)},
                      {"published_at", nullable({{"type", "number"}})}};
    s["PublicCourseListItem"] = object_schema(item);
    json::object detail = item;
    detail["derived_from_slug"] = nullable(string_schema());
    detail["seo"] = ref("CourseSEO");
    detail["cta"] = ref("CourseCTA");
    detail["updated_at"] = {{"type", "number"}};
    s["PublicCourseDetail"] = object_schema(detail);
    s["DistributionOrPublicDetail"] = {
        {"oneOf", json::array{ref("CourseDistribution"), ref("PublicCourseDetail")}}};
    json::object outline{{"slug", common.at("slug")},
                         {"title", common.at("title")},
                         {"language", common.at("language")},
                         {"version", common.at("version")},
                         {"modules", array_of(ref("CourseModule"))},
                         {"prerequisites", array_of(string_schema())},
                         {"learning_outcomes", array_of(string_schema())},
                         {"total_chapters", integer_schema(0)},
                         {"total_duration_minutes", integer_schema(0)}};
    s["PublicCourseOutline"] = object_schema(outline);
    const auto id = pattern_schema(kDistributionIdPattern);
    s["VisibilityChange"] = object_schema({{"distribution_id", id},
                                           {"visibility", visibility_schema()},
                                           {"published_at", nullable({{"type", "number"}})}});
    s["ViewCount"] = object_schema({{"distribution_id", id}, {"view_count", integer_schema(0)}});
    s["ClickCount"] =
        object_schema({{"distribution_id", id}, {"enrollment_count", integer_schema(0)}});
    s["VersionBumped"] = object_schema({{"distribution_id", id},
                                        {"old_version", common.at("version")},
                                        {"new_version", common.at("version")}});
    s["ChangelogEntry"] = object_schema({{"version", common.at("version")},
                                         {"changelog", nullable(string_schema())},
                                         {"bumped_at", {{"type", "number"}}}});
    s["Redirect"] = object_schema(
        {{"slug", string_schema()}, {"created_at", {{"type", "number"}}}});  // Unix seconds
    s["SeedHealth"] = object_schema({{"name", string_schema()},
                                     {"version", string_schema()},
                                     {"status", enum_schema(std::array{"healthy", "degraded"})},
                                     {"public_courses_count", integer_schema(0)}});
    s["Alive"] = object_schema({{"status", enum_schema(std::array{"ok"})}});
    s["Readiness"] = object_schema(
        {{"status", enum_schema(std::array{"ready", "unready", "draining"})},
         {"checks", {{"type", "object"}, {"additionalProperties", string_schema()}}}});
    s["OpenApiDocument"] = {{"type", "object"}};
}

// The BRAiN EventStream envelope of SPEC section 4: as stored in the outbox, and as consumed.
void add_event_schemas(json::object& s) {
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
    s["EventPage"] = object_schema(
        {{"items",
          array_of(object_schema({{"seq", integer_schema(1)}, {"event", std::move(envelope)}}))},
         {"next_after", integer_schema(0)}},
        {"items", "next_after"});
    // Payload and meta as objects or JSON strings, as on the stream; handled types
    // course.generation.completed and course.deployed.staging.
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
    s["IngestResult"] = object_schema(
        {{"status", enum_schema(std::array{"applied", "already_processed", "ignored"})},
         {"event_id", string_schema()},
         {"type", string_schema()},
         {"created", array_of(string_schema())},
         {"updated", array_of(string_schema())}});
}

// The answers of the stats routes (spec/analytics.md, "Time series").
void add_stats_schemas(json::object& s) {
    const json::object count = integer_schema(0);
    const json::object date{{"type", "string"}, {"format", "date"}};
    const json::object rate =
        nullable({{"type", "number"},
                  {"minimum", 0},
                  {"description", "clicks / views, 4 decimals; null without views"}});
    const json::object by_category{{"type", "object"}, {"additionalProperties", count}};
    s["StatsPoint"] =
        object_schema({{"start",
                        {{"type", "string"},
                         {"format", "date-time"},
                         {"description", "the bucket's local start with its offset"}}},
                       {"views", count},
                       {"clicks", count}},
                      {"start", "views", "clicks"});
    s["StatsTotals"] =
        object_schema({{"views", count}, {"clicks", count}, {"click_through_rate", rate}},
                      {"views", "clicks", "click_through_rate"});
    s["DistributionStats"] =
        object_schema({{"distribution_id", pattern_schema(kDistributionIdPattern)},
                       {"from", date},
                       {"to", date},
                       {"granularity", enum_schema(std::array{"day", "hour"})},
                       {"tz", string_schema()},
                       {"series", array_of(ref("StatsPoint"))},
                       {"totals", ref("StatsTotals")},
                       {"views_by_referrer", by_category},
                       {"clicks_by_cta", by_category}},
                      {"distribution_id", "from", "to", "granularity", "tz", "series", "totals",
                       "views_by_referrer", "clicks_by_cta"});
    s["TopDistribution"] = object_schema(
        {{"distribution_id", pattern_schema(kDistributionIdPattern)},
         {"slug", pattern_schema(kSlugPattern)},
         {"title", string_schema()},
         {"views", count},
         {"clicks", count},
         {"click_through_rate", rate}},
        {"distribution_id", "slug", "title", "views", "clicks", "click_through_rate"});
    s["CatalogStats"] =
        object_schema({{"from", date},
                       {"to", date},
                       {"tz", string_schema()},
                       {"series", array_of(ref("StatsPoint"))},
                       {"totals", ref("StatsTotals")},
                       {"top", array_of(ref("TopDistribution"), service::kStatsTopSize)}},
                      {"from", "to", "tz", "series", "totals", "top"});
}

// The webhook subscriptions and their delivery log (spec/webhooks.md).
void add_webhook_schemas(json::object& s) {
    json::array event_names{domain::kAllEvents};
    for (auto type : domain::subscribable_event_types()) event_names.emplace_back(type);
    auto events =
        array_of({{"type", "string"}, {"enum", std::move(event_names)}}, domain::kWebhookEventsMax);
    events["minItems"] = 1;
    events["description"] = "produced event types, or [\"*\"] for all";
    json::object url{{"type", "string"},
                     {"format", "uri"},
                     {"maxLength", domain::kWebhookUrlMax},
                     {"description",
                      "https only; no host that is or resolves to a loopback, private, "
                      "link-local, unique-local or cloud-metadata address (both rules lifted by "
                      "--webhook-allow-private)"}};
    const auto description = string_schema(0, domain::kWebhookDescriptionMax);
    const json::object boolean{{"type", "boolean"}};
    const json::object number{{"type", "number"}};
    const auto id = pattern_schema("^wh_[0-9a-f]{16}$");
    s["CreateWebhook"] = object_schema(
        {{"url", url}, {"events", events}, {"description", description}, {"active", boolean}},
        {"url", "events"});
    s["UpdateWebhook"] = object_schema(
        {{"url", url}, {"events", events}, {"description", description}, {"active", boolean}});
    json::object webhook{{"webhook_id", id},    {"url", url},
                         {"events", events},    {"description", nullable(description)},
                         {"active", boolean},   {"created_at", number},
                         {"updated_at", number}};
    const json::array required{"webhook_id", "url",        "events",    "description",
                               "active",     "created_at", "updated_at"};
    s["Webhook"] = object_schema(webhook, required);
    webhook["secret"] = pattern_schema("^whsec_[A-Za-z0-9+/]{43}=$");
    webhook["previous_secret_valid_until"] = nullable(number);
    auto with_secret_required = required;
    with_secret_required.emplace_back("secret");
    s["WebhookWithSecret"] = object_schema(webhook, std::move(with_secret_required));
    s["WebhookList"] = object_schema({{"items", array_of(ref("Webhook"))}}, {"items"});
    s["WebhookDelivery"] = object_schema(
        {{"delivery_id", integer_schema(1)},
         {"event_id", {{"type", "string"}, {"format", "uuid"}}},
         {"event_type", string_schema()},
         {"attempt", integer_schema(1)},
         {"status", enum_schema(std::array{"pending", "delivered", "failed"})},
         {"response_status", nullable(integer_schema())},
         {"error", nullable(string_schema())},
         {"duration_ms", integer_schema(0)},
         {"attempted_at", number},
         {"next_attempt_at", nullable(number)},
         {"response_excerpt", string_schema(0, 1024)}},
        {"delivery_id", "event_id", "event_type", "attempt", "status", "response_status", "error",
         "duration_ms", "attempted_at", "next_attempt_at", "response_excerpt"});
    s["RedeliveryQueued"] = object_schema({{"delivery_id", integer_schema(1)}, {"queued", boolean}},
                                          {"delivery_id", "queued"});
}

// CTA experiments (spec/growth.md, "CTA experiments (A/B)").
void add_experiment_schemas(json::object& s) {
    const json::object number{{"type", "number"}};
    const json::object probability{{"type", "number"}, {"minimum", 0}, {"maximum", 1}};
    const auto key = pattern_schema("^[a-z0-9-]{1,20}$");
    json::object weight{{"type", "integer"},
                        {"minimum", 1},
                        {"maximum", domain::kVariantWeightMax},
                        {"description", "relative share of visitors; default equal"}};
    const auto variants_of = [](json::object variant) {
        auto a = array_of(std::move(variant), domain::kExperimentVariantsMax);
        a["minItems"] = domain::kExperimentVariantsMin;
        return a;
    };
    const auto auto_promote = object_schema(
        {{"min_views_per_variant", integer_schema(1)},
         {"probability",
          {{"type", "number"}, {"minimum", 0.5}, {"maximum", 1}, {"exclusiveMaximum", true}}}},
        {"min_views_per_variant", "probability"});
    const auto name = string_schema(1, domain::kExperimentNameMax);
    s["CreateExperiment"] = object_schema(
        {{"name", name},
         {"variants",
          variants_of(object_schema({{"key", key}, {"cta", ref("CourseCTA")}, {"weight", weight}},
                                    {"key", "cta"}))},
         {"auto_promote", auto_promote}},
        {"name", "variants"});
    s["StopExperiment"] = object_schema({{"winner", key}});
    json::object variant{{"key", key}, {"cta", ref("CourseCTA")}, {"weight", weight}};
    json::object experiment{
        {"experiment_id", pattern_schema("^exp_[0-9a-f]{16}$")},
        {"distribution_id", pattern_schema(kDistributionIdPattern)},
        {"name", name},
        {"status", enum_schema(std::array{"running", "stopped"})},
        {"variants", variants_of(object_schema(variant, {"key", "cta", "weight"}))},
        {"started_at", number},
        {"stopped_at", nullable(number)},
        {"winner", nullable(key)},
        {"auto_promote", nullable(auto_promote)}};
    const json::array required{"experiment_id", "distribution_id", "name",
                               "status",        "variants",        "started_at",
                               "stopped_at",    "winner",          "auto_promote"};
    s["Experiment"] = object_schema(experiment, required);
    s["ExperimentList"] = object_schema({{"items", array_of(ref("Experiment"))}}, {"items"});
    variant["views"] = integer_schema(0);
    variant["clicks"] = integer_schema(0);
    variant["click_through_rate"] = nullable(number);
    auto interval = array_of(probability, 2);
    interval["minItems"] = 2;
    interval["description"] = "Wilson score interval, 95 %";
    variant["ctr_interval_95"] = std::move(interval);
    variant["probability_best"] = probability;
    experiment["variants"] = variants_of(
        object_schema(variant, {"key", "cta", "weight", "views", "clicks", "click_through_rate",
                                "ctr_interval_95", "probability_best"}));
    experiment["sample_ratio_mismatch"] = json::object{{"type", "boolean"}};
    experiment["recommendation"] =
        json::object{{"type", "string"}, {"description", "\"keep running\" or \"winner: <key>\""}};
    auto with_statistics = required;
    with_statistics.emplace_back("sample_ratio_mismatch");
    with_statistics.emplace_back("recommendation");
    s["ExperimentReport"] = object_schema(experiment, std::move(with_statistics));
}

// The bodies of the growth tools (spec/growth.md).
void add_growth_schemas(json::object& s) {
    const auto common = common_fields();
    s["SlugSuggestions"] =
        object_schema({{"slugs", array_of(common.at("slug").as_object())}}, {"slugs"});
    auto suggestions =
        array_of(object_schema({{"keyword", string_schema(1)}, {"score", {{"type", "number"}}}},
                               {"keyword", "score"}),
                 domain::kKeywordSuggestionsMax);
    auto check = object_schema(
        {{"check",
          enum_schema(std::array{"meta_title_length", "meta_description_length", "keyword_in_title",
                                 "keyword_in_description", "keyword_in_slug",
                                 "duplicate_meta_title", "keyword_cannibalization"})},
         {"status", enum_schema(std::array{"ok", "warning"})},
         {"message", string_schema()}},
        {"check", "status", "message"});
    s["SeoReport"] = object_schema(
        {{"keyword_suggestions", std::move(suggestions)}, {"checks", array_of(std::move(check))}},
        {"keyword_suggestions", "checks"});
}

// The bodies of BRAiN's own routes (spec/brain-routes.md).
void add_brain_schemas(json::object& s) {
    const auto common = common_fields();
    const auto id = pattern_schema(kDistributionIdPattern);
    const auto& create = s.at("CreateDistribution").as_object();
    json::object brain_create = create.at("properties").as_object();
    brain_create.erase("outline");
    json::array required;
    for (const auto& [name, _] : brain_create)
        if (name != "version") required.emplace_back(name);
    s["BrainCreateDistribution"] = object_schema(brain_create, std::move(required));

    const auto& variant = s.at("CreateVariant").at("properties").as_object();
    s["BrainMicroNiche"] = object_schema(
        {{"parent_course_id", id},
         {"new_slug", common.at("slug")},
         {"language", common.at("language")},
         {"derived_content",
          object_schema({{"title_override", variant.at("title_override")},
                         {"description_override", variant.at("description_override")},
                         {"target_group_override", variant.at("target_group")},
                         {"example_replacements",
                          {{"type", "object"}, {"additionalProperties", string_schema()}}},
                         {"module_filters", variant.at("module_filters")},
                         {"additional_context", variant.at("additional_context")}})},
         {"seo", ref("CourseSEO")},
         {"cta", ref("CourseCTA")},
         {"target_group", variant.at("target_group")}},
        {"parent_course_id", "new_slug", "language", "derived_content", "seo", "cta",
         "target_group"});

    const auto message = string_schema();
    s["BrainCreated"] =
        object_schema({{"distribution_id", id}, {"slug", common.at("slug")}, {"message", message}},
                      {"distribution_id", "slug", "message"});
    s["BrainPublished"] = object_schema(
        {{"distribution_id", id}, {"published", {{"type", "boolean"}}}, {"message", message}},
        {"distribution_id", "published", "message"});
    s["BrainTracked"] = object_schema(
        {{"slug", common.at("slug")}, {"tracked", {{"type", "boolean"}}}, {"message", message}},
        {"slug", "tracked", "message"});
    json::object bumped = s.at("VersionBumped").at("properties").as_object();
    bumped["message"] = message;
    s["BrainVersionBumped"] =
        object_schema(bumped, {"distribution_id", "old_version", "new_version", "message"});
}

json::object schemas() {
    json::object s;
    add_model_schemas(s);
    add_request_schemas(s);
    add_answer_schemas(s);
    add_event_schemas(s);
    add_stats_schemas(s);
    add_webhook_schemas(s);
    add_experiment_schemas(s);
    add_growth_schemas(s);
    add_brain_schemas(s);
    return s;
}

// --- Operations, from the route table
// ---------------------------------------------------------

json::object body_schema(const Body& body) {
    switch (body.kind) {
        case BodyKind::Json:
            return ref(body.schema);
        case BodyKind::JsonArray:
            return array_of(ref(body.schema));
        case BodyKind::JsonPage:
            return object_schema(
                {{"items", array_of(ref(body.schema))}, {"next_cursor", nullable(string_schema())}},
                {"items", "next_cursor"});
        default:
            return string_schema();
    }
}

std::string_view media_type(const Body& body) {
    switch (body.kind) {
        case BodyKind::Json:
        case BodyKind::JsonArray:
        case BodyKind::JsonPage:
            return body.schema == "Problem" ? "application/problem+json" : "application/json";
        case BodyKind::Html:
            return "text/html";
        case BodyKind::Xml:
            return "application/xml";
        case BodyKind::Metrics:
        case BodyKind::Text:
            return "text/plain";
        case BodyKind::EventStream:
            return "text/event-stream";
        case BodyKind::None:
            break;
    }
    return {};
}

json::object answer(std::string_view description, const Body& body, bool with_body) {
    json::object r{{"description", description}};
    if (with_body && body.kind != BodyKind::None)
        r["content"] = json::object{{media_type(body), {{"schema", body_schema(body)}}}};
    return r;
}

json::object query(std::string_view name, json::object schema, std::string_view description) {
    return {{"name", name},
            {"in", "query"},
            {"required", false},
            {"schema", std::move(schema)},
            {"description", description}};
}

json::array parameters_of(Parameters family) {
    auto limit = [](int fallback, int max) {
        return json::object{
            {"type", "integer"}, {"minimum", 1}, {"maximum", max}, {"default", fallback}};
    };
    json::array p;
    switch (family) {
        case Parameters::AdminList:
            p.push_back(query("visibility", visibility_schema(), "only this visibility"));
            [[fallthrough]];
        case Parameters::Catalog:
            p.push_back(query("language", pattern_schema(kLanguagePattern), "only this language"));
            p.push_back(query("target_group", string_schema(), "only courses for this group"));
            p.push_back(query("q", string_schema(), "in title or description, any case"));
            p.push_back(query("limit", limit(50, 100), "items per page"));
            p.push_back(query("cursor", string_schema(), "next_cursor of the previous page"));
            break;
        case Parameters::CatalogPage:
            p.push_back(query("language", pattern_schema(kLanguagePattern), "only this language"));
            p.push_back(query("cursor", string_schema(), "the next page's cursor"));
            break;
        case Parameters::LandingPage:
            p.push_back(query("utm_medium", string_schema(), "referrer category of the view"));
            break;
        case Parameters::EventsPage:
            p.push_back(query("after", integer_schema(0), "seq of the last event already seen"));
            p.push_back(query("limit", limit(100, 1000), "events per page"));
            break;
        case Parameters::EventsStream:
            p.push_back(json::object{{"name", "Last-Event-ID"},
                                     {"in", "header"},
                                     {"required", false},
                                     {"schema", integer_schema(0)},
                                     {"description", "seq of the last event received"}});
            p.push_back(query("after", integer_schema(0),
                              "seq to start after when no Last-Event-ID is sent"));
            break;
        case Parameters::Stats:
        case Parameters::CatalogStats: {
            const json::object date{{"type", "string"}, {"format", "date"}};
            const auto days = [](int n) { return std::to_string(n); };
            p.push_back(query("from", date,
                              "first local date in tz, inclusive (default: 29 days before to); at "
                              "most " +
                                  days(domain::kStatsMaxDays) + " days with day, " +
                                  days(domain::kStatsMaxHourlyDays) +
                                  " with hour, both ends counted"));
            p.push_back(
                query("to", date, "last local date in tz, inclusive (default: today in tz)"));
            if (family == Parameters::Stats)
                p.push_back(query(
                    "granularity",
                    [] {
                        auto g = enum_schema(std::array{"day", "hour"});
                        g["default"] = "day";
                        return g;
                    }(),
                    "one bucket per local day or per hour"));
            auto tz = string_schema();
            tz["default"] = "UTC";
            p.push_back(query("tz", std::move(tz),
                              "IANA time zone (Europe/Berlin); days follow its offsets, DST "
                              "included (23- and 25-hour days)"));
            break;
        }
        case Parameters::BrainPublic:
            p.push_back(query("language", pattern_schema(kLanguagePattern), "only this language"));
            p.push_back(query("limit", limit(50, 100), "at most this many courses"));
            break;
        case Parameters::Deliveries:
            p.push_back(query("limit", limit(50, 100), "attempts per page"));
            p.push_back(query("cursor", string_schema(), "next_cursor of the previous page"));
            break;
        case Parameters::SlugSuggest:
            p.push_back(query("title", string_schema(1, kTitleMax), "the title (required)"));
            p.push_back(query("language", pattern_schema(kLanguagePattern),
                              "whose stop words the short slug leaves out (default: all lists)"));
            break;
        case Parameters::None:
            break;
    }
    return p;
}

json::object path_parameter(std::string_view name) {
    json::object schema;
    std::string_view description;
    if (name == "id") {
        schema = pattern_schema(kDistributionIdPattern);
        description = "a distribution id";
    } else if (name == "slug") {
        schema = pattern_schema(kSlugPattern);
        description = "a course's slug";
    } else if (name == "key") {
        schema = string_schema(1);
        description = "a distribution id (admin token), or a public course's slug";
    } else if (name == "webhook_id") {
        schema = pattern_schema("^wh_[0-9a-f]{16}$");
        description = "a webhook id";
    } else if (name == "experiment_id") {
        schema = pattern_schema("^exp_[0-9a-f]{16}$");
        description = "experiment_id (exp_ + 16 lowercase hex)";
    } else if (name == "delivery_id") {
        schema = pattern_schema("^[1-9][0-9]*$");
        description = "a delivery_id of the webhook's delivery log";
    } else if (name == "page") {
        schema = pattern_schema("^[1-9][0-9]*$");
        description = "the file's number, from 1";
    } else {
        // A new capture name needs its description here; every test that starts the service
        // fails until it has one.
        throw std::logic_error("no description of the path parameter {" + std::string(name) + "}");
    }
    return {{"name", name},
            {"in", "path"},
            {"required", true},
            {"schema", std::move(schema)},
            {"description", description}};
}

json::array path_parameters(std::string_view path) {
    json::array p;
    for (auto open = path.find('{'); open != std::string_view::npos;
         open = path.find('{', open + 1)) {
        const auto close = path.find('}', open);
        p.push_back(path_parameter(path.substr(open + 1, close - open - 1)));
    }
    return p;
}

json::array security_of(Access access) {
    const json::object bearer{{"bearerAuth", json::array{}}};
    switch (access) {
        case Access::Admin:
            return json::array{bearer};
        case Access::PublicOrAdmin:
            return json::array{json::object{}, bearer};
        case Access::Public:
        case Access::Page:
        case Access::Console:
            break;
    }
    return json::array{};
}

// A route kept for BRAiN's callers: deprecated, naming the route that replaces it.
void deprecate(json::object& op, const Route& route) {
    const Route* successor = find_route(route.replaced_by);
    if (!successor)
        throw std::logic_error("route " + std::string(route.operation_id) +
                               " is replaced by an unknown route " +
                               std::string(route.replaced_by));
    const auto named = std::string(successor->method) + " " + std::string(successor->path);
    op["deprecated"] = true;
    op["description"] =
        "BRAiN-compatible route (served so that coursedist replaces BRAiN's "
        "course_distribution module); use " +
        named + " (" + std::string(successor->operation_id) + ") instead.";
    op["x-replaced-by"] = json::object{{"operationId", successor->operation_id},
                                       {"method", successor->method},
                                       {"path", successor->path}};
}

json::object operation(const Route& route, bool head) {
    json::object responses;
    for (const auto& a : route.answers)
        responses[std::to_string(a.status)] = answer(a.description, a.body, !head);
    const Body problem{BodyKind::Json, "Problem"};
    if (route.access == Access::Admin || route.access == Access::PublicOrAdmin)
        responses["401"] = answer("missing or wrong token", problem, !head);
    // The server's own answers, before any route runs (SPEC section 3).
    responses["431"] = answer("request header over 16 KiB", problem, !head);
    responses["default"] = answer("an error (problem+json)", problem, !head);

    json::object op{{"operationId", head ? std::string(route.operation_id) + "Head"
                                         : std::string(route.operation_id)},
                    {"summary", head ? std::string(route.summary) + " (headers only)"
                                     : std::string(route.summary)},
                    {"tags", json::array{route.tag}},
                    {"security", security_of(route.access)},
                    {"responses", std::move(responses)}};
    auto parameters = path_parameters(route.path);
    for (auto& p : parameters_of(route.parameters)) parameters.push_back(std::move(p));
    if (!parameters.empty()) op["parameters"] = std::move(parameters);
    if (!route.replaced_by.empty()) deprecate(op, route);
    if (route.request.kind != BodyKind::None)
        op["requestBody"] = {
            {"required", !route.request_optional},
            {"content", {{"application/json", {{"schema", body_schema(route.request)}}}}}};
    return op;
}

std::string lower(std::string_view method) {
    std::string out(method);
    for (auto& c : out) c = static_cast<char>(c - 'A' + 'a');
    return out;
}

json::object paths() {
    json::object out;
    for (const auto& route : route_table()) {
        if (route.access == Access::Console) continue;  // the console is not part of the API
        auto& path = out[route.path];
        if (!path.is_object()) path = json::object{};
        path.as_object()[lower(route.method)] = operation(route, false);
        if (route.head) path.as_object()["head"] = operation(route, true);
    }
    return out;
}

json::array tags() {
    return {{{"name", "public"}, {"description", "Public read API: catalog, detail, outline"}},
            {{"name", "admin"}, {"description", "Admin API (bearer token)"}},
            {{"name", "events"}, {"description", "The event log and consumed events (SPEC 4)"}},
            {{"name", "webhooks"},
             {"description", "Outbound webhooks: subscriptions and their delivery log"}},
            {{"name", "experiments"},
             {"description", "CTA experiments (A/B) without cookies, with their statistics"}},
            {{"name", "growth"},
             {"description", "Growth tools: slug suggestions, templates, the SEO report"}},
            {{"name", "operations"}, {"description", "Health, readiness, metrics"}},
            {{"name", "pages"}, {"description", "Server-rendered HTML pages and the sitemap"}},
            {{"name", "brain"},
             {"description", "The routes of BRAiN's course_distribution module (deprecated)"}}};
}

}  // namespace

std::string openapi_document(const std::string& version, const std::string& base_url) {
    json::object doc{
        {"openapi", "3.0.3"},
        {"info",
         {{"title", "coursedist"},
          {"version", version},
          {"description", "Public distribution of generated courses."},
          {"license", {{"name", "Proprietary"}}}}},
        {"servers", json::array{{{"url", base_url}}}},
        {"tags", tags()},
        {"paths", paths()},
        {"components",
         {{"schemas", schemas()},
          {"securitySchemes", {{"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
    return json::serialize(doc);
}

}  // namespace coursedist::http
