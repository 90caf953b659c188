#include "app/application.hpp"
#include "app/config.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    coursedist::app::Config config;
    if (auto exit_code = coursedist::app::parse_config(argc, argv, config)) return *exit_code;
    try {
        if (config.command == "migrate") return coursedist::app::run_migrate(config);
        if (config.command == "import-json") return coursedist::app::run_import_json(config);
        if (config.command == "export-json") return coursedist::app::run_export_json(config);
        return coursedist::app::run_serve(config);
    } catch (const std::exception& e) {
        std::cerr << "coursedist: " << e.what() << "\n";
        return 1;
    }
}
