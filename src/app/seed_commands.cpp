// `coursedist import-json <dir>` and `coursedist export-json <dir>` (service/seed_json.hpp).

#include "app/application.hpp"
#include "app/storage_factory.hpp"
#include "service/seed_json.hpp"

#include <iostream>

namespace coursedist::app {

namespace {
// Some records were refused (and listed) while the others were imported.
constexpr int kExitSomeRefused = 3;
}  // namespace

int run_import_json(const Config& config) {
    auto store = open_store(config.database, 1);
    store->migrate();
    const auto report = service::import_seed_json(*store, config.seed_dir);
    for (const auto& id : report.imported) std::cout << "imported " << id << "\n";
    for (const auto& refused : report.refused) {
        std::cout << "refused " << refused.key << ":";
        for (const auto& reason : refused.reasons) std::cout << " " << reason << ";";
        std::cout << "\n";
    }
    for (const auto& warning : report.warnings) std::cout << "warning: " << warning << "\n";
    std::cout << report.imported.size() << " imported, " << report.refused.size() << " refused\n";
    return report.refused.empty() ? 0 : kExitSomeRefused;
}

int run_export_json(const Config& config) {
    auto store = open_store(config.database, 1);
    store->migrate();
    const auto count = service::export_seed_json(*store, config.seed_dir);
    std::cout << count << " distributions exported to " << config.seed_dir << "\n";
    return 0;
}

}  // namespace coursedist::app
