#include "domain/brain_requests.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::domain {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

std::vector<std::string> fields(const FieldErrors& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

const json::object kSeo{
    {"meta_title", "Banking alternatives explained"},
    {"meta_description", "Neobanks, credit unions and savings apps compared: what each offers."}};
const json::object kCta{{"label", "Start the course"}, {"action", "contact"}};

json::object create_body() {
    return {{"course_id", "course_1"},
            {"slug", "banking-alternatives"},
            {"language", "en"},
            {"title", "Banking alternatives"},
            {"description", "A practical course about banking alternatives, with examples."},
            {"target_group", {"private"}},
            {"seo", kSeo},
            {"cta", kCta}};
}

json::object micro_niche_body() {
    return {{"parent_course_id", "dist_0123456789abcdef"},
            {"new_slug", "banking-for-retirees"},
            {"language", "de"},
            {"derived_content",
             {{"title_override", "Bankalternativen für Rentner"},
              {"module_filters", {"m1"}},
              {"example_replacements", {{"ex1", "ex2"}}}}},
            {"target_group", {"rentner"}},
            {"seo", kSeo},
            {"cta", kCta}};
}

TEST(DecodeBrainCreate, MapsOntoTheCreateRequestWithVersionOptional) {
    const auto r = decode_brain_create(create_body());
    ASSERT_TRUE(r.ok()) << fields(r.errors).front();
    EXPECT_EQ(r.value.slug, "banking-alternatives");
    EXPECT_EQ(r.value.target_group, std::vector<std::string>{"private"});
    EXPECT_EQ(r.value.cta->action, CtaAction::Contact);
    EXPECT_EQ(r.value.version, std::nullopt);
    EXPECT_EQ(distribution_from(r.value, "000000").version, "v1");
}

TEST(DecodeBrainCreate, RequiresWhatBrainRequiresAndRefusesAnOutline) {
    const auto empty = decode_brain_create(json::object{});
    EXPECT_THAT(fields(empty.errors),
                UnorderedElementsAre("course_id", "slug", "language", "title", "description",
                                     "target_group", "seo", "cta"));
    auto body = create_body();
    body["outline"] = json::object{};
    body["version"] = "v3";
    const auto r = decode_brain_create(body);
    EXPECT_THAT(fields(r.errors), ElementsAre("outline"));
}

TEST(DecodeMicroNiche, MapsOntoAVariantOfTheParent) {
    const auto r = decode_micro_niche(micro_niche_body());
    ASSERT_TRUE(r.ok()) << fields(r.errors).front();
    EXPECT_EQ(r.value.parent_id, "dist_0123456789abcdef");
    const auto& v = r.value.variant;
    EXPECT_EQ(v.slug, "banking-for-retirees");
    EXPECT_EQ(v.language, "de");
    EXPECT_EQ(v.title_override, "Bankalternativen für Rentner");
    EXPECT_EQ(v.target_group, std::vector<std::string>{"rentner"});
    EXPECT_EQ(v.module_filters, std::vector<std::string>{"m1"});
    EXPECT_EQ(v.cta->action, CtaAction::Contact);
}

TEST(DecodeMicroNiche, ATargetGroupOverrideWinsUnlessEmpty) {
    auto body = micro_niche_body();
    body["derived_content"].as_object()["target_group_override"] = json::array{"freelancer"};
    const auto r = decode_micro_niche(body);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value.variant.target_group, std::vector<std::string>{"freelancer"});
    body["derived_content"].as_object()["target_group_override"] = json::array{};
    EXPECT_EQ(decode_micro_niche(body).value.variant.target_group,
              std::vector<std::string>{"rentner"});
}

TEST(DecodeMicroNiche, RulesAreReportedUnderBrainsNamesEvenWhenItDecodes) {
    auto body = micro_niche_body();
    body["new_slug"] = "Not A Slug";
    body["derived_content"].as_object()["description_override"] = "Too short";
    EXPECT_THAT(fields(decode_micro_niche(body).errors),
                UnorderedElementsAre("new_slug", "derived_content.description_override"));
    body["derived_content"].as_object()["tone"] = "warm";  // and when decoding fails too
    EXPECT_THAT(fields(decode_micro_niche(body).errors),
                UnorderedElementsAre("derived_content.tone", "new_slug",
                                     "derived_content.description_override"));
    EXPECT_THAT(fields(decode_micro_niche(json::object{}).errors),
                UnorderedElementsAre("parent_course_id", "new_slug", "language", "derived_content",
                                     "seo", "cta", "target_group"));
}

}  // namespace
}  // namespace coursedist::domain
