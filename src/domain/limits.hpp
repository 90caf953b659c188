#pragma once
// The numeric rules of SPEC section 2 in one place: validation checks them, defaults respect
// them, request decoders check the small request types against them.

#include <cstddef>
#include <cstdint>

namespace coursedist::domain::limits {

inline constexpr std::size_t kCourseIdMax = 100;
inline constexpr std::size_t kTitleMin = 10;
inline constexpr std::size_t kTitleMax = 200;
inline constexpr std::size_t kDescriptionMin = 50;
inline constexpr std::size_t kDescriptionMax = 1000;
inline constexpr std::size_t kTargetGroupsMax = 20;
inline constexpr std::size_t kTargetGroupMax = 50;

inline constexpr std::size_t kMetaTitleMin = 10;
inline constexpr std::size_t kMetaTitleMax = 60;
inline constexpr std::size_t kMetaDescriptionMin = 50;
inline constexpr std::size_t kMetaDescriptionMax = 160;
inline constexpr std::size_t kKeywordsMax = 10;
inline constexpr std::size_t kKeywordMax = 50;
inline constexpr std::size_t kUrlMax = 2048;

inline constexpr std::size_t kCtaLabelMin = 5;
inline constexpr std::size_t kCtaLabelMax = 50;

inline constexpr std::size_t kOutlineListMax = 100;  // modules, prerequisites, learning outcomes
inline constexpr std::size_t kModuleIdMax = 100;
inline constexpr std::size_t kModuleTitleMax = 200;
inline constexpr std::size_t kModuleDescriptionMax = 2000;
inline constexpr std::size_t kOutlineEntryMax = 500;
// Per-module bound so the outline's sums (at most 100 modules) can never overflow.
inline constexpr std::int64_t kModuleCountMax = 1'000'000;

// The pattern rules, as the API description states them (validation.cpp checks them by hand).
inline constexpr const char* kSlugPattern = "^[a-z0-9]+(-[a-z0-9]+)*$";
// (kSlugMin and kSlugMax are in slug.hpp, beside the slug rules.)
inline constexpr const char* kLanguagePattern = "^[a-z]{2}(-[A-Z]{2})?$";
inline constexpr const char* kDistributionIdPattern = "^dist_[0-9a-f]{16}$";
inline constexpr const char* kVersionPattern = "^v[1-9][0-9]*$";

inline constexpr std::size_t kCtaTypeMax = 50;
inline constexpr std::size_t kChangelogMax = 5000;
inline constexpr std::size_t kAdditionalContextMax = 2000;

}  // namespace coursedist::domain::limits
