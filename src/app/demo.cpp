#include "app/demo.hpp"

#include "domain/defaults.hpp"

#include <spdlog/spdlog.h>

namespace coursedist::app {

namespace {

domain::Outline money_outline(bool german) {
    domain::Outline o;
    if (german) {
        o.modules = {{"m1", "Wie Banken Geld verdienen",
                      "Gebühren, Zinsen und Provisionen verstehen.", 4, 45},
                     {"m2", "Direktbanken und Neobanken",
                      "Konten ohne Filiale: Chancen und Grenzen.", 3, 35},
                     {"m3", "Genossenschaften und Ethikbanken",
                      "Wem die Bank gehört und warum das zählt.", 3, 30}};
        o.prerequisites = {"Ein eigenes Girokonto"};
        o.learning_outcomes = {"Kontomodelle vergleichen", "Versteckte Gebühren erkennen",
                               "Einen Bankwechsel in einer Woche planen"};
    } else {
        o.modules = {
            {"m1", "How banks make money", "Fees, interest and commissions explained.", 4, 45},
            {"m2", "Direct banks and neobanks", "Accounts without branches: upsides and limits.", 3,
             35},
            {"m3", "Cooperative and ethical banks", "Who owns the bank and why it matters.", 3,
             30}};
        o.prerequisites = {"A current account of your own"};
        o.learning_outcomes = {"Compare account models", "Spot hidden fees",
                               "Plan a switch of banks within a week"};
    }
    return o;
}

}  // namespace

void load_demo_courses(service::DistributionService& service, const std::string& base_url) {
    service::ListRequest any;
    any.catalog = false;
    any.limit = 1;
    if (!service.list(any).items.empty()) return;
    service::RequestContext ctx{std::nullopt, "demo"};
    auto page = [&](const std::string& slug) { return base_url + "/courses/" + slug; };

    domain::CreateRequest de;
    de.course_id = "course_banking_101";
    de.language = "de";
    de.title = "Alternativen zu Banken & Sparkassen";
    de.description =
        "Was Direktbanken, Genossenschaftsbanken und Ethikbanken anders machen, "
        "was sie kosten und wie Sie in einer Woche sicher wechseln.";
    de.target_group = {"berufstaetige", "studenten"};
    de.slug = "alternativen-zu-banken-sparkassen";
    de.outline = money_outline(true);
    de.seo = domain::default_seo(de.title, de.description);
    de.seo->keywords = {"Bankwechsel", "Direktbank", "Ethikbank"};
    de.seo->hreflang_alternates = {{"en", page("alternatives-to-banks")}};

    domain::CreateRequest en;
    en.course_id = "course_banking_101";
    en.language = "en";
    en.title = "Alternatives to Banks and Savings Banks";
    en.description =
        "What direct banks, cooperative banks and ethical banks do differently, "
        "what they cost, and how to switch safely within a week.";
    en.target_group = {"professionals", "students"};
    en.slug = "alternatives-to-banks";
    en.outline = money_outline(false);
    en.seo = domain::default_seo(en.title, en.description);
    en.seo->keywords = {"switch banks", "direct bank", "ethical bank"};
    en.seo->hreflang_alternates = {{"de", page("alternativen-zu-banken-sparkassen")}};

    domain::CreateRequest size;
    size.course_id = "course_sizes_7";
    size.language = "de";
    size.title = "Größe & Übermaß für Anfänger";
    size.description =
        "Toleranzen, Passungen und Übermaß verständlich erklärt: vom Messschieber "
        "bis zur Presspassung, mit Übungen aus der Werkstatt.";
    size.target_group = {"auszubildende"};
    size.outline = domain::Outline{
        {{"m1", "Messen mit dem Messschieber", "Ablesen, Nonius, typische Fehler.", 2, 20},
         {"m2", "Passungen und Toleranzen", "Spiel-, Übergangs- und Presspassung.", 3, 40}},
        {},
        {"Toleranzangaben lesen", "Eine Passung auswählen"}};

    auto german = service.create(de, ctx);
    auto english = service.create(en, ctx);
    auto sizes = service.create(size, ctx);
    domain::VariantRequest variant;
    variant.target_group = {"studenten"};
    variant.title_override = "Alternativen zu Banken für Studenten";
    variant.description_override =
        "Kostenlose Studentenkonten, Dispo-Fallen und Neobanken: "
        "der schnelle Weg zum passenden Konto im Studium.";
    auto student = service.create_variant(german.distribution_id, variant, ctx);
    for (const auto& d : {german, english, sizes, student}) service.publish(d.distribution_id, ctx);
    spdlog::info("loaded 4 demo courses");
}

}  // namespace coursedist::app
