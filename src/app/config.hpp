#pragma once
// Every setting is a flag and an environment variable (SPEC section 5).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace coursedist::app {

struct Config {
    std::string command;  // serve | migrate
    std::string listen = "127.0.0.1:8080";
    std::string database = "sqlite:data/coursedist.db";
    std::optional<std::string> redis;
    std::vector<std::string> admin_tokens;  // from COURSEDIST_ADMIN_TOKENS or the tokens file
    bool admin_token_generated = false;
    std::string base_url;  // default: http://<listen>
    std::optional<std::string> templates;
    int threads = 2;
    int db_pool = 4;
    std::string log_format = "text";
    std::string log_level = "info";
    bool demo = false;
    std::optional<std::string> port_file;
    double shutdown_grace_seconds = 0;
    double drain_timeout_seconds = 10;
    double header_timeout_seconds = 10;
    double body_timeout_seconds = 30;
    double idle_timeout_seconds = 60;
    std::size_t max_connections = 10'000;
};

// Parses argv and the environment. Returns the exit code to use when the process should stop
// right away (--help, a usage error), nullopt to go on.
std::optional<int> parse_config(int argc, char** argv, Config& config);

}  // namespace coursedist::app
