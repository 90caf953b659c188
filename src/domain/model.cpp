#include "domain/model.hpp"

#include <numeric>

namespace coursedist::domain {

std::string_view to_string(Visibility v) {
    switch (v) {
        case Visibility::Private:
            return "private";
        case Visibility::Public:
            return "public";
        case Visibility::Unlisted:
            return "unlisted";
    }
    return "private";
}

std::optional<Visibility> parse_visibility(std::string_view s) {
    if (s == "private") return Visibility::Private;
    if (s == "public") return Visibility::Public;
    if (s == "unlisted") return Visibility::Unlisted;
    return std::nullopt;
}

std::string_view to_string(CtaAction a) {
    switch (a) {
        case CtaAction::OpenCourse:
            return "open_course";
        case CtaAction::DownloadOutline:
            return "download_outline";
        case CtaAction::Contact:
            return "contact";
        case CtaAction::Custom:
            return "custom";
    }
    return "open_course";
}

std::optional<CtaAction> parse_cta_action(std::string_view s) {
    if (s == "open_course") return CtaAction::OpenCourse;
    if (s == "download_outline") return CtaAction::DownloadOutline;
    if (s == "contact") return CtaAction::Contact;
    if (s == "custom") return CtaAction::Custom;
    return std::nullopt;
}

std::int64_t Outline::total_chapters() const {
    return std::accumulate(modules.begin(), modules.end(), std::int64_t{0},
                           [](std::int64_t sum, const Module& m) { return sum + m.chapter_count; });
}

std::int64_t Outline::total_duration_minutes() const {
    return std::accumulate(
        modules.begin(), modules.end(), std::int64_t{0},
        [](std::int64_t sum, const Module& m) { return sum + m.estimated_duration_minutes; });
}

}  // namespace coursedist::domain
