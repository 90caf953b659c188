#pragma once
// A public distribution with every field set, for rendering tests.

#include "domain/model.hpp"
#include "service/distribution_service.hpp"
#include "web/page_views.hpp"

namespace coursedist::web::testing {

inline const Site kSite{"https://courses.example.test", "courses.example.test"};

inline service::PublicDetail sample_course(std::string language = "de") {
    domain::Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.course_id = "course_1";
    d.slug = "geld-sparen";
    d.language = std::move(language);
    d.title = "Kurs \"Geld\" </script><b>Sparen & Anlegen";
    d.description =
        "Wie Sie mit einfachen Regeln sparen, anlegen und dabei ruhig schlafen.\n"
        "Mit Übungen 💶.";
    d.target_group = {"berufstaetige", "studenten"};
    d.version = "v3";
    d.seo.meta_title = "Geld sparen & anlegen <lernen>";
    d.seo.meta_description =
        "Sparen und Anlegen für Einsteiger: Regeln, Beispiele und Checklisten.";
    d.seo.keywords = {"Sparen", "Anlegen"};
    d.seo.og_image_url = "https://img.example.test/kurs.png?a=1&b=2";
    d.seo.hreflang_alternates = {{"en", "https://courses.example.test/courses/saving-money"}};
    d.cta.label = "Jetzt starten";
    d.visibility = domain::Visibility::Public;
    d.published_at = 1'700'000'000.5;
    d.outline.modules = {{"m1", "Grundlagen", "Was Zinsen sind.", 4, 45},
                         {"m2", "Anlegen", "", 3, 65}};
    d.outline.prerequisites = {"Ein Girokonto"};
    d.outline.learning_outcomes = {"Einen Sparplan aufstellen", "Gebühren erkennen"};
    d.view_count = 1234;
    d.enrollment_count = 1;
    d.created_at = 1'699'000'000;
    d.updated_at = 1'700'000'100.25;
    return {d, std::nullopt, std::nullopt, std::nullopt};
}

}  // namespace coursedist::web::testing
