#include "app/application.hpp"
#include "app/config.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    coursedist::app::Config config;
    if (auto exit_code = coursedist::app::parse_config(argc, argv, config)) return *exit_code;
    try {
        return config.command == "migrate" ? coursedist::app::run_migrate(config)
                                           : coursedist::app::run_serve(config);
    } catch (const std::exception& e) {
        std::cerr << "coursedist: " << e.what() << "\n";
        return 1;
    }
}
