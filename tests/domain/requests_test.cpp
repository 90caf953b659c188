#include "domain/requests.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::domain {
namespace {

namespace json = boost::json;

// Parses as the HTTP layer does: invalid UTF-8 gets through to the decoders.
json::value parse(std::string_view text) {
    json::parse_options options;
    options.allow_invalid_utf8 = true;
    return json::parse(text, {}, options);
}

std::vector<std::string> fields(const FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

const FieldError* find(const FieldErrors& errors, std::string_view field) {
    for (const auto& e : errors)
        if (e.field == field) return &e;
    return nullptr;
}

constexpr const char* kMinimalCreate =
    R"({"course_id":"c1","language":"de","title":"Python für Anfänger",)"
    R"("description":"Eine Einführung in Python für alle, die noch nie programmiert haben."})";

TEST(DecodeCreate, MinimalBody) {
    const auto r = decode_create(parse(kMinimalCreate));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value.course_id, "c1");
    EXPECT_EQ(r.value.language, "de");
    EXPECT_EQ(r.value.title, "Python für Anfänger");
    EXPECT_EQ(r.value.description,
              "Eine Einführung in Python für alle, die noch nie programmiert haben.");
    EXPECT_TRUE(r.value.target_group.empty());
    EXPECT_FALSE(r.value.slug || r.value.seo || r.value.cta || r.value.version || r.value.outline);
}

TEST(DecodeCreate, FullBody) {
    const auto r = decode_create(parse(R"({
        "course_id":"c1","language":"de-DE","title":"t","description":"d",
        "target_group":["a","b"],"slug":"my-slug","version":"v3",
        "seo":{"meta_title":"mt","meta_description":"md","keywords":["k"],
               "og_image_url":"https://x.org/i.png","hreflang_alternates":{"en":"https://x.org/en"}},
        "cta":{"label":"Go now","action":"custom","url":"https://x.org/go"},
        "outline":{"modules":[{"module_id":"m1","title":"One","description":"first",
                               "chapter_count":3,"estimated_duration_minutes":45.0}],
                   "prerequisites":["p"],"learning_outcomes":["l"]}})"));
    ASSERT_TRUE(r.ok()) << r.errors[0].field << ": " << r.errors[0].message;
    EXPECT_EQ(r.value.target_group, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(r.value.slug, "my-slug");
    EXPECT_EQ(r.value.version, "v3");
    ASSERT_TRUE(r.value.seo);
    EXPECT_EQ(r.value.seo->meta_title, "mt");
    EXPECT_EQ(r.value.seo->keywords, std::vector<std::string>{"k"});
    EXPECT_EQ(r.value.seo->og_image_url, "https://x.org/i.png");
    EXPECT_EQ(r.value.seo->hreflang_alternates.at("en"), "https://x.org/en");
    ASSERT_TRUE(r.value.cta);
    EXPECT_EQ(r.value.cta->action, CtaAction::Custom);
    EXPECT_EQ(r.value.cta->url, "https://x.org/go");
    ASSERT_TRUE(r.value.outline);
    ASSERT_EQ(r.value.outline->modules.size(), 1u);
    EXPECT_EQ(r.value.outline->modules[0], (Module{"m1", "One", "first", 3, 45}));
    EXPECT_EQ(r.value.outline->prerequisites, std::vector<std::string>{"p"});
    EXPECT_EQ(r.value.outline->learning_outcomes, std::vector<std::string>{"l"});
}

TEST(DecodeCreate, BodyMustBeAnObject) {
    for (const char* body : {"[]", "\"x\"", "42", "null"}) {
        const auto r = decode_create(parse(body));
        ASSERT_EQ(r.errors.size(), 1u) << body;
        EXPECT_EQ(r.errors[0].field, "");
    }
}

TEST(DecodeCreate, MissingRequiredFields) {
    const auto r = decode_create(parse(R"({"title":null})"));
    EXPECT_EQ(fields(r.errors),
              (std::vector<std::string>{"course_id", "language", "title", "description"}));
    for (const auto& e : r.errors) EXPECT_EQ(e.message, "field required");
}

TEST(DecodeCreate, NullOptionalMembersAreAbsent) {
    auto body = parse(kMinimalCreate);
    for (const char* key : {"target_group", "slug", "seo", "cta", "version", "outline"})
        body.as_object()[key] = nullptr;
    const auto r = decode_create(body);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r.value.slug || r.value.seo || r.value.cta || r.value.version || r.value.outline);
}

TEST(DecodeCreate, UnknownFieldsEverywhere) {
    auto body = parse(kMinimalCreate);
    auto& o = body.as_object();
    o["extra"] = 1;
    o["distribution_id"] = "dist_0123456789abcdef";
    o["seo"] = parse(R"({"meta_title":"Python für Anfänger","meta_description":")"
                     R"(Programmieren lernen ohne Vorwissen, Schritt für Schritt.","x":1})");
    o["cta"] = parse(R"({"label":"Jetzt starten","y":1})");
    o["outline"] = parse(R"({"z":1,"modules":[{"module_id":"m","title":"t","w":1}]})");
    const auto r = decode_create(body);
    auto got = fields(r.errors);
    std::ranges::sort(got);
    EXPECT_EQ(got, (std::vector<std::string>{"cta.y", "distribution_id", "extra",
                                             "outline.modules[0].w", "outline.z", "seo.x"}));
    for (const auto& e : r.errors) EXPECT_EQ(e.message, "unknown field");
}

TEST(DecodeCreate, WrongTypes) {
    const auto r = decode_create(parse(R"({
        "course_id":1,"language":["de"],"title":true,"description":{},
        "target_group":"a","slug":5,"seo":"x","cta":[],"version":1,"outline":3})"));
    auto got = fields(r.errors);
    std::ranges::sort(got);
    EXPECT_EQ(got,
              (std::vector<std::string>{"course_id", "cta", "description", "language", "outline",
                                        "seo", "slug", "target_group", "title", "version"}));
    EXPECT_EQ(find(r.errors, "title")->message, "must be a string");
}

TEST(DecodeCreate, WrongTypesInsideLists) {
    const auto r = decode_create(parse(R"({
        "course_id":"c","language":"de","title":"Python für Anfänger",
        "description":"Eine Einführung in Python für alle, die noch nie programmiert haben.",
        "target_group":["a",2],
        "outline":{"modules":[{"module_id":"m","title":"t"}, 7],"prerequisites":[null]}})"));
    EXPECT_EQ(fields(r.errors), (std::vector<std::string>{"target_group[1]", "outline.modules[1]",
                                                          "outline.prerequisites[0]"}));
}

TEST(DecodeCreate, InvalidUtf8IsReportedPerField) {
    const auto r = decode_create(parse(
        "{\"course_id\":\"c\",\"language\":\"de\",\"title\":\"Gr\xF6\xDF"
        "e\","
        "\"description\":\"Eine Einführung in Python für alle, die noch nie programmiert haben.\","
        "\"target_group\":[\"ok\",\"\xFF\"],"
        "\"seo\":{\"meta_title\":\"\xC3\",\"meta_description\":\"Eine Einführung in Python für "
        "alle, die noch nie programmiert haben.\"}}"));
    EXPECT_EQ(fields(r.errors),
              (std::vector<std::string>{"title", "target_group[1]", "seo.meta_title"}));
    for (const auto& e : r.errors) EXPECT_EQ(e.message, "invalid UTF-8");
}

TEST(DecodeCreate, UnknownKeyWithInvalidUtf8IsEchoedAsValidUtf8) {
    auto body = parse(kMinimalCreate);
    body.as_object()["bad\xFFkey"] = 1;
    const auto r = decode_create(body);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].field, "bad\xEF\xBF\xBDkey");
}

TEST(DecodeCreate, SeoAndCtaRequiredMembers) {
    auto body = parse(kMinimalCreate);
    body.as_object()["seo"] = json::object{};
    body.as_object()["cta"] = json::object{};
    const auto r = decode_create(body);
    EXPECT_EQ(fields(r.errors),
              (std::vector<std::string>{"seo.meta_title", "seo.meta_description", "cta.label"}));
}

TEST(DecodeCta, ActionDefaultsToOpenCourseAndIsAnEnum) {
    FieldErrors errors;
    auto cta = decode_cta(parse(R"({"label":"Start now"})"), "cta", errors);
    ASSERT_TRUE(cta);
    EXPECT_EQ(cta->action, CtaAction::OpenCourse);
    for (const char* action : {"open_course", "download_outline", "contact", "custom"}) {
        json::value v = json::object{{"label", "Start now"}, {"action", action}};
        EXPECT_TRUE(decode_cta(v, "cta", errors)) << action;
    }
    EXPECT_TRUE(errors.empty());
    EXPECT_FALSE(decode_cta(parse(R"({"label":"Start now","action":"buy"})"), "cta", errors));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "cta.action");
}

TEST(DecodeSeo, HreflangAlternatesMustBeAnObjectOfStrings) {
    FieldErrors errors;
    EXPECT_FALSE(decode_seo(
        parse(R"({"meta_title":"a","meta_description":"b","hreflang_alternates":{"en":1}})"), "seo",
        errors));
    EXPECT_FALSE(decode_seo(
        parse(R"({"meta_title":"a","meta_description":"b","hreflang_alternates":["en"]})"), "seo",
        errors));
    EXPECT_EQ(fields(errors),
              (std::vector<std::string>{"seo.hreflang_alternates.en", "seo.hreflang_alternates"}));
}

TEST(DecodeSeo, HreflangKeysMustBeValidUtf8) {
    json::value v = json::object{{"meta_title", "a"}, {"meta_description", "b"}};
    v.as_object()["hreflang_alternates"] = json::object{{"e\xFF", "https://x.org/"}};
    FieldErrors errors;
    EXPECT_FALSE(decode_seo(v, "seo", errors));
    EXPECT_EQ(errors, (FieldErrors{{"seo.hreflang_alternates.e\xEF\xBF\xBD", "invalid UTF-8"}}));
}

TEST(DecodeOutline, IntegersAcceptInt64Uint64AndWholeDoubles) {
    FieldErrors errors;
    const auto outline = decode_outline(parse(R"({"modules":[
        {"module_id":"a","title":"A","chapter_count":2,"estimated_duration_minutes":3.0},
        {"module_id":"b","title":"B","chapter_count":9223372036854775807},
        {"module_id":"c","title":"C","chapter_count":-4}]})"),
                                        "outline", errors);
    ASSERT_TRUE(outline) << errors[0].field;
    EXPECT_EQ(outline->modules[0].estimated_duration_minutes, 3);
    EXPECT_EQ(outline->modules[1].chapter_count, INT64_MAX);
    EXPECT_EQ(outline->modules[2].chapter_count, -4);  // the range is validation's job
    EXPECT_EQ(outline->modules[2].estimated_duration_minutes, 0);
}

TEST(DecodeOutline, RefusesNonIntegers) {
    FieldErrors errors;
    EXPECT_FALSE(decode_outline(parse(R"({"modules":[
        {"module_id":"a","title":"A","chapter_count":2.5},
        {"module_id":"b","title":"B","chapter_count":18446744073709551615},
        {"module_id":"c","title":"C","chapter_count":"3"},
        {"module_id":"d","title":"D","chapter_count":1e300},
        {"title":"E"}]})"),
                                "outline", errors));
    EXPECT_EQ(fields(errors),
              (std::vector<std::string>{
                  "outline.modules[0].chapter_count", "outline.modules[1].chapter_count",
                  "outline.modules[2].chapter_count", "outline.modules[3].chapter_count",
                  "outline.modules[4].module_id"}));
    EXPECT_EQ(errors[0].message, "must be an integer");
}

TEST(DecodeUpdate, OnlyPresentMembersAreSet) {
    const auto r = decode_update(parse(R"({"title":"New title","target_group":[],"slug":null})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value.title, "New title");
    EXPECT_EQ(r.value.target_group, std::vector<std::string>{});
    EXPECT_FALSE(r.value.slug || r.value.language || r.value.description || r.value.seo ||
                 r.value.cta || r.value.outline || r.value.visibility);
    EXPECT_FALSE(r.value.empty());
    EXPECT_TRUE(decode_update(parse("{}")).value.empty());
}

TEST(DecodeUpdate, AllWritableMembers) {
    const auto r = decode_update(parse(R"({"slug":"s","language":"en","title":"t",
        "description":"d","target_group":["g"],"seo":{"meta_title":"a","meta_description":"b"},
        "cta":{"label":"l"},"outline":{},"visibility":"unlisted"})"));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r.value.slug && r.value.language && r.value.title && r.value.description &&
                r.value.target_group && r.value.seo && r.value.cta && r.value.outline);
    EXPECT_EQ(r.value.visibility, Visibility::Unlisted);
    EXPECT_EQ(decode_update(parse(R"({"visibility":"private"})")).value.visibility,
              Visibility::Private);
}

TEST(DecodeUpdate, ReadOnlyFields) {
    const auto r = decode_update(parse(R"({"distribution_id":"x","course_id":"x",
        "derived_from":null,"version":"v2","view_count":1,"enrollment_count":1,"created_at":1,
        "updated_at":1,"published_at":1,"staging_url":"x","staging_deployed_at":"x"})"));
    EXPECT_EQ(r.errors.size(), 11u);
    for (const auto& e : r.errors) EXPECT_EQ(e.message, "read-only field") << e.field;
}

TEST(DecodeUpdate, PublicVisibilityPointsToPublish) {
    const auto r = decode_update(parse(R"({"visibility":"public"})"));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].field, "visibility");
    EXPECT_NE(r.errors[0].message.find("/publish"), std::string::npos);
    const auto other = decode_update(parse(R"({"visibility":"hidden"})"));
    ASSERT_EQ(other.errors.size(), 1u);
    EXPECT_EQ(other.errors[0].message, "must be private or unlisted");
}

TEST(DecodeUpdate, UnknownFieldsAndNonObjectBody) {
    EXPECT_EQ(fields(decode_update(parse(R"({"colour":"red"})")).errors),
              std::vector<std::string>{"colour"});
    EXPECT_EQ(fields(decode_update(parse("[1]")).errors), std::vector<std::string>{""});
}

TEST(DecodeVariant, FullBody) {
    const auto r = decode_variant(parse(R"({"slug":"s","language":"en","title_override":"t",
        "description_override":"d","target_group":["Selbstständige"],
        "seo":{"meta_title":"a","meta_description":"b"},"cta":{"label":"l"},
        "additional_context":"ctx","module_filters":["m1","m2"]})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value.target_group, std::vector<std::string>{"Selbstständige"});
    EXPECT_EQ(r.value.title_override, "t");
    EXPECT_EQ(r.value.description_override, "d");
    EXPECT_EQ(r.value.additional_context, "ctx");
    EXPECT_EQ(r.value.module_filters, (std::vector<std::string>{"m1", "m2"}));
    EXPECT_TRUE(r.value.slug && r.value.language && r.value.seo && r.value.cta);
}

TEST(DecodeVariant, TargetGroupIsRequiredAndNotEmpty) {
    EXPECT_EQ(decode_variant(parse("{}")).errors,
              (FieldErrors{{"target_group", "field required"}}));
    EXPECT_EQ(decode_variant(parse(R"({"target_group":null})")).errors,
              (FieldErrors{{"target_group", "field required"}}));
    EXPECT_EQ(fields(decode_variant(parse(R"({"target_group":[]})")).errors),
              std::vector<std::string>{"target_group"});
}

TEST(DecodeVariant, ChecksItsSmallFields) {
    json::value body = json::object{{"target_group", json::array{"g"}},
                                    {"additional_context", std::string(2001, 'x')},
                                    {"module_filters", json::array{"m1", 2}},
                                    {"parent", "x"}};
    EXPECT_EQ(fields(decode_variant(body).errors),
              (std::vector<std::string>{"additional_context", "module_filters[1]", "parent"}));
    body.as_object()["additional_context"] = std::string(2000, 'x');
    body.as_object()["module_filters"] = json::array{};
    body.as_object().erase("parent");
    EXPECT_TRUE(decode_variant(body).ok());
}

TEST(DecodeLogView, OptionalBodyAndEnum) {
    EXPECT_TRUE(decode_log_view(nullptr).ok());
    EXPECT_TRUE(decode_log_view(parse("{}")).ok());
    for (const char* category : kReferrerCategories) {
        const auto r = decode_log_view(json::object{{"referrer_category", category}});
        EXPECT_TRUE(r.ok());
        EXPECT_EQ(r.value.referrer_category, category);
    }
    const auto bad = decode_log_view(parse(R"({"referrer_category":"tv"})"));
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_EQ(bad.errors[0].message,
              "must be one of organic_search, social, direct, referral, email, paid, other");
    EXPECT_EQ(fields(decode_log_view(parse(R"({"ip":"1.2.3.4"})")).errors),
              std::vector<std::string>{"ip"});
    EXPECT_EQ(fields(decode_log_view(parse("[]")).errors), std::vector<std::string>{""});
}

TEST(DecodeTrackClick, CtaTypeIs1To50) {
    EXPECT_TRUE(decode_track_click(nullptr).ok());
    EXPECT_EQ(decode_track_click(parse(R"({"cta_type":"hero_button"})")).value.cta_type,
              "hero_button");
    std::string umlauts;
    for (int i = 0; i < 50; ++i) umlauts += "ä";  // 100 bytes, 50 code points
    EXPECT_TRUE(decode_track_click(json::object{{"cta_type", umlauts}}).ok());
    EXPECT_FALSE(decode_track_click(json::object{{"cta_type", std::string(51, 'x')}}).ok());
    EXPECT_FALSE(decode_track_click(parse(R"({"cta_type":""})")).ok());
    EXPECT_FALSE(decode_track_click(parse(R"({"cta_type":1})")).ok());
    EXPECT_FALSE(decode_track_click(parse(R"({"other":1})")).ok());
}

TEST(DecodeVersionBump, ChangelogUpTo5000CodePoints) {
    EXPECT_TRUE(decode_version_bump(nullptr).ok());
    EXPECT_EQ(decode_version_bump(parse(R"({"changelog":"fixed typos"})")).value.changelog,
              "fixed typos");
    std::string umlauts;
    for (int i = 0; i < 5000; ++i) umlauts += "ü";  // 10000 bytes, 5000 code points
    EXPECT_TRUE(decode_version_bump(json::object{{"changelog", umlauts}}).ok());
    EXPECT_FALSE(decode_version_bump(json::object{{"changelog", umlauts + "x"}}).ok());
    EXPECT_FALSE(decode_version_bump(parse("{\"changelog\":\"\xFF\"}")).ok());
    EXPECT_FALSE(decode_version_bump(parse(R"({"changelog":"x","version":"v9"})")).ok());
}

}  // namespace
}  // namespace coursedist::domain

namespace coursedist::domain {
namespace {

// SPEC section 3: every kind of failure together in one answer, none hiding another.
TEST(DecodeCreate, ReportsEveryKindOfFailureTogether) {
    const auto r = decode_create(parse(R"({
        "course_id":"c1","language":"de","title":"Python für Anfänger",
        "description":["not","a","string"],
        "colour":"blue",
        "cta":{"label":"Jetzt starten","action":"nope"},
        "slug":"Not A Slug"})"));
    EXPECT_EQ(find(r.errors, "description")->message, "must be a string");
    EXPECT_EQ(find(r.errors, "colour")->message, "unknown field");
    EXPECT_THAT(find(r.errors, "cta.action")->message, ::testing::HasSubstr("must be one of"));
    EXPECT_THAT(find(r.errors, "slug")->message, ::testing::HasSubstr("lowercase"));
    EXPECT_EQ(r.errors.size(), 4u);
}

TEST(DecodeCreate, AnEnumErrorHidesNoRuleOfTheOtherFields) {
    const auto r = decode_create(parse(R"({
        "course_id":"c1","language":"german","title":"Short","slug":"No Slug",
        "description":"Eine Einführung in Python für alle, die noch nie programmiert haben.",
        "seo":{"meta_title":"Short","meta_description":"Eine Einführung in Python für alle, die noch nie programmiert haben."},
        "cta":{"label":"Jetzt starten","action":"nope"}})"));
    auto got = fields(r.errors);
    std::ranges::sort(got);
    EXPECT_EQ(got, (std::vector<std::string>{"cta.action", "language", "seo.meta_title", "slug",
                                             "title"}));
}

TEST(DecodeUpdate, ChecksTheRulesOfTheMembersItSetsWhenDecodingFails) {
    const auto r = decode_update(parse(R"({"title":"Short","visibility":"hidden","x":1})"));
    auto got = fields(r.errors);
    std::ranges::sort(got);
    EXPECT_EQ(got, (std::vector<std::string>{"title", "visibility", "x"}));
}

TEST(DecodeVariant, ChecksTheRulesOfItsOverridesWhenDecodingFails) {
    const auto r = decode_variant(
        parse(R"({"target_group":["g"],"title_override":"Short","seo":{"meta_title":1}})"));
    auto got = fields(r.errors);
    std::ranges::sort(got);
    EXPECT_EQ(got, (std::vector<std::string>{"seo.meta_description", "seo.meta_title",
                                             "title_override"}));
}

}  // namespace
}  // namespace coursedist::domain
