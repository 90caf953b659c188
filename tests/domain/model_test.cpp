// The model's enums in their JSON spelling, and the outline's sums.

#include "domain/model.hpp"

#include <gtest/gtest.h>

namespace coursedist::domain {
namespace {

TEST(Visibility, SpelledAsInTheApi) {
    for (auto v : {Visibility::Private, Visibility::Public, Visibility::Unlisted})
        EXPECT_EQ(parse_visibility(to_string(v)), v);
    EXPECT_EQ(to_string(Visibility::Unlisted), "unlisted");
    EXPECT_EQ(parse_visibility("Public"), std::nullopt);
    EXPECT_EQ(parse_visibility(""), std::nullopt);
}

TEST(CtaAction, SpelledAsInTheApi) {
    for (auto a :
         {CtaAction::OpenCourse, CtaAction::DownloadOutline, CtaAction::Contact, CtaAction::Custom})
        EXPECT_EQ(parse_cta_action(to_string(a)), a);
    EXPECT_EQ(to_string(CtaAction::DownloadOutline), "download_outline");
    EXPECT_EQ(parse_cta_action("nope"), std::nullopt);
}

TEST(Outline, SumsChaptersAndMinutes) {
    Outline outline;
    EXPECT_EQ(outline.total_chapters(), 0);
    EXPECT_EQ(outline.total_duration_minutes(), 0);
    outline.modules = {Module{"a", "A", "", 3, 45}, Module{"b", "B", "", 0, 0},
                       Module{"c", "C", "", 2, 1'000'000}};
    EXPECT_EQ(outline.total_chapters(), 5);
    EXPECT_EQ(outline.total_duration_minutes(), 1'000'045);
}

TEST(Distribution, PrivateIsTheOnlyUnreadableVisibility) {
    Distribution d;
    EXPECT_FALSE(d.publicly_readable());
    d.visibility = Visibility::Unlisted;
    EXPECT_TRUE(d.publicly_readable());
    d.visibility = Visibility::Public;
    EXPECT_TRUE(d.publicly_readable());
}

}  // namespace
}  // namespace coursedist::domain
