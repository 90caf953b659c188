#pragma once
// A distribution with every field set, for the domain tests of encoders and events.

#include "domain/model.hpp"

namespace coursedist::domain::testing {

inline Distribution full_distribution() {
    Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.course_id = "course-42";
    d.slug = "python-basics";
    d.language = "de";
    d.title = "Python für Anfänger";
    d.description = "Ein Kurs, der Schritt für Schritt in die Programmierung mit Python einführt.";
    d.target_group = {"studierende", "lehrer"};
    d.version = "v3";
    d.derived_from = "dist_fedcba9876543210";
    d.seo = Seo{"Python für Anfänger",
                "Programmieren lernen mit Python, Schritt für Schritt.",
                {"python", "programmieren"},
                "https://img.example.org/python.png",
                {{"en", "https://example.org/en/python"}}};
    d.cta = Cta{"Jetzt starten", CtaAction::Custom, "https://example.org/start"};
    d.visibility = Visibility::Public;
    d.published_at = 1'800'000'100.5;
    d.staging_url = "https://staging.example.org/python";
    d.staging_deployed_at = "2027-01-15T07:00:00.000000Z";
    d.outline.modules = {Module{"m1", "Grundlagen", "Variablen", 3, 45},
                         Module{"m2", "Schleifen", "", 2, 30}};
    d.outline.prerequisites = {"Neugier"};
    d.outline.learning_outcomes = {"Kleine Programme schreiben"};
    d.view_count = 12;
    d.enrollment_count = 3;
    d.created_at = 1'800'000'000.25;
    d.updated_at = 1'800'000'200.75;
    return d;
}

}  // namespace coursedist::domain::testing
