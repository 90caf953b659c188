#pragma once
// The admin console's charts (spec/admin-console.md, "Look and behaviour"): inline SVG rendered
// by the server, with a <title>, and the same numbers as a table for screen readers. No script.

#include "service/stats_service.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

// An <svg> of daily views and clicks as bars (one pair per point), titled `title`, followed by a
// visually hidden table of the same numbers; every text escaped. `id` makes its element ids
// unique on the page.
std::string views_and_clicks_chart(const std::vector<service::StatsPoint>& series,
                                   std::string_view title, std::string_view id);

}  // namespace coursedist::web
