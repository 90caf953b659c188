#include "web/console_chart.hpp"

#include "web/sitemap.hpp"

#include <algorithm>
#include <cstdint>

namespace coursedist::web {

namespace {

constexpr int kWidth = 720;
constexpr int kHeight = 240;
constexpr int kLeft = 48;  // room for the scale
constexpr int kBottom = 24;
constexpr int kTop = 16;

std::string number(double value) {
    auto text = std::to_string(static_cast<std::int64_t>(value * 10 + (value >= 0 ? 0.5 : -0.5)));
    if (text == "0" || text == "-0") return "0";
    // One decimal: enough for pixel positions.
    if (text.size() == 1 || (text.size() == 2 && text[0] == '-')) text.insert(text.size() - 1, "0");
    text.insert(text.size() - 1, ".");
    return text;
}

// The day of a bucket start ("2026-11-02T00:00:00+01:00" → "2026-11-02").
std::string_view day_of(std::string_view start) {
    return start.substr(0, std::min<std::size_t>(start.size(), 10));
}

}  // namespace

std::string views_and_clicks_chart(const std::vector<service::StatsPoint>& series,
                                   std::string_view title, std::string_view id) {
    std::int64_t highest = 1;
    for (const auto& p : series) highest = std::max({highest, p.views, p.clicks});
    const double plot_width = kWidth - kLeft;
    const double plot_height = kHeight - kTop - kBottom;
    const double slot =
        series.empty() ? plot_width : plot_width / static_cast<double>(series.size());
    const double bar = std::max(1.0, slot * 0.4);
    const std::string title_id = std::string(id) + "-title";
    const std::string escaped_title = xml_escape(title);

    std::string svg = "<figure><svg class=\"chart\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                      std::to_string(kHeight) + "\" role=\"img\" aria-labelledby=\"" + title_id +
                      "\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"" + title_id + "\">" +
                      escaped_title + "</title>";
    const double base = kTop + plot_height;
    svg += "<line class=\"axis\" x1=\"" + std::to_string(kLeft) + "\" y1=\"" + number(base) +
           "\" x2=\"" + std::to_string(kWidth) + "\" y2=\"" + number(base) + "\"/>";
    svg += "<text x=\"0\" y=\"" + std::to_string(kTop + 4) + "\">" + std::to_string(highest) +
           "</text><text x=\"0\" y=\"" + number(base) + "\">0</text>";
    for (std::size_t i = 0; i < series.size(); ++i) {
        const auto& p = series[i];
        const double x = kLeft + slot * static_cast<double>(i) + slot * 0.1;
        const auto bar_of = [&](std::int64_t value, double left, const char* kind) {
            const double h =
                plot_height * static_cast<double>(value) / static_cast<double>(highest);
            return "<rect class=\"" + std::string(kind) + "\" x=\"" + number(left) + "\" y=\"" +
                   number(base - h) + "\" width=\"" + number(bar) + "\" height=\"" + number(h) +
                   "\"><title>" + xml_escape(day_of(p.start)) + ": " + std::to_string(value) + " " +
                   kind + "</title></rect>";
        };
        svg += bar_of(p.views, x, "views");
        svg += bar_of(p.clicks, x + bar, "clicks");
    }
    if (!series.empty()) {
        svg += "<text x=\"" + std::to_string(kLeft) + "\" y=\"" + std::to_string(kHeight - 6) +
               "\">" + xml_escape(day_of(series.front().start)) + "</text>";
        svg += "<text x=\"" + std::to_string(kWidth) + "\" y=\"" + std::to_string(kHeight - 6) +
               "\" text-anchor=\"end\">" + xml_escape(day_of(series.back().start)) + "</text>";
    }
    svg +=
        "</svg><figcaption class=\"legend\"><span><span class=\"swatch views\"></span>Views</span>"
        "<span><span class=\"swatch clicks\"></span>Clicks</span></figcaption></figure>";

    svg += "<table class=\"sr-only\"><caption>" + escaped_title +
           "</caption><thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Views</th>"
           "<th scope=\"col\">Clicks</th></tr></thead><tbody>";
    for (const auto& p : series)
        svg += "<tr><td>" + xml_escape(day_of(p.start)) + "</td><td>" + std::to_string(p.views) +
               "</td><td>" + std::to_string(p.clicks) + "</td></tr>";
    svg += "</tbody></table>";
    return svg;
}

}  // namespace coursedist::web
