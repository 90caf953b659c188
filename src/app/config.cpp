#include "app/config.hpp"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

namespace coursedist::app {

namespace {

std::vector<std::string> split_tokens(const std::string& text) {
    std::vector<std::string> tokens;
    std::string token;
    std::istringstream in(text);
    while (std::getline(in, token, ',')) {
        std::erase_if(token, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
        if (!token.empty()) tokens.push_back(token);
    }
    return tokens;
}

std::string generated_token() {
    std::random_device random;
    static constexpr char kAlphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string token;
    for (int i = 0; i < 40; ++i) token += kAlphabet[random() % (sizeof kAlphabet - 1)];
    return token;
}

void add_database_option(CLI::App& command, Config& config) {
    command.add_option("--database", config.database, "sqlite:<path> or postgresql://…")
        ->envname("COURSEDIST_DATABASE")
        ->capture_default_str();
}

}  // namespace

std::optional<int> parse_config(int argc, char** argv, Config& config) {
    CLI::App app{"coursedist: public distribution of generated courses"};
    app.require_subcommand(1);

    auto* serve = app.add_subcommand("serve", "run the HTTP service");
    add_database_option(*serve, config);
    serve->add_option("--listen", config.listen, "address:port to listen on")
        ->envname("COURSEDIST_LISTEN")
        ->capture_default_str();
    serve->add_option("--redis", config.redis, "redis://host:port[/db]; unset = embedded mode")
        ->envname("COURSEDIST_REDIS");
    serve->add_option("--base-url", config.base_url, "public base URL for canonical links")
        ->envname("COURSEDIST_BASE_URL");
    serve->add_option("--templates", config.templates, "folder overriding the page templates")
        ->envname("COURSEDIST_TEMPLATES");
    serve->add_option("--threads", config.threads, "HTTP worker threads")
        ->envname("COURSEDIST_THREADS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve->add_option("--db-pool", config.db_pool, "database connections")
        ->envname("COURSEDIST_DB_POOL")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    serve->add_option("--log-format", config.log_format, "text or json")
        ->envname("COURSEDIST_LOG_FORMAT")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    serve->add_option("--log-level", config.log_level, "trace, debug, info, warn, error")
        ->envname("COURSEDIST_LOG_LEVEL")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
        ->capture_default_str();
    serve->add_flag("--demo", config.demo, "load demo courses into an empty database");
    serve->add_option("--port-file", config.port_file, "write the bound port to this file");
    serve->add_option("--shutdown-grace", config.shutdown_grace_seconds,
                      "seconds /readyz reports 503 before draining starts")
        ->envname("COURSEDIST_SHUTDOWN_GRACE");
    serve->add_option("--drain-timeout", config.drain_timeout_seconds,
                      "seconds in-flight requests get to finish on SIGTERM")
        ->envname("COURSEDIST_DRAIN_TIMEOUT");
    serve->add_option("--header-timeout", config.header_timeout_seconds,
                      "seconds a client has to send the request headers")
        ->envname("COURSEDIST_HEADER_TIMEOUT");
    serve->add_option("--body-timeout", config.body_timeout_seconds,
                      "seconds a client has to send the request body")
        ->envname("COURSEDIST_BODY_TIMEOUT");
    serve->add_option("--idle-timeout", config.idle_timeout_seconds,
                      "seconds an idle keep-alive connection stays open")
        ->envname("COURSEDIST_IDLE_TIMEOUT");
    serve->add_option("--max-connections", config.max_connections, "open connections at most")
        ->envname("COURSEDIST_MAX_CONNECTIONS");
    std::string token_on_command_line;
    serve->add_option("--admin-token,--admin-tokens", token_on_command_line,
                      "refused: use COURSEDIST_ADMIN_TOKENS or COURSEDIST_ADMIN_TOKENS_FILE");

    auto* migrate = app.add_subcommand("migrate", "apply database migrations and exit");
    add_database_option(*migrate, config);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    config.command = serve->parsed() ? "serve" : "migrate";

    if (!token_on_command_line.empty()) {
        // Command lines show up in `ps` and shell history.
        std::cerr << "coursedist: admin tokens on the command line are refused (visible in ps and "
                     "shell history); set COURSEDIST_ADMIN_TOKENS or COURSEDIST_ADMIN_TOKENS_FILE\n";
        return 2;
    }
    if (const char* tokens = std::getenv("COURSEDIST_ADMIN_TOKENS"))
        config.admin_tokens = split_tokens(tokens);
    if (const char* file = std::getenv("COURSEDIST_ADMIN_TOKENS_FILE")) {
        std::ifstream in(file);
        if (!in) {
            std::cerr << "coursedist: cannot read COURSEDIST_ADMIN_TOKENS_FILE " << file << "\n";
            return 2;
        }
        std::string line;
        while (std::getline(in, line))
            for (auto& t : split_tokens(line)) config.admin_tokens.push_back(std::move(t));
    }
    for (const auto& t : config.admin_tokens) {
        if (t.size() < 16) {
            std::cerr << "coursedist: admin tokens must have at least 16 characters\n";
            return 2;
        }
    }
    if (config.admin_tokens.empty()) {
        config.admin_tokens.push_back(generated_token());
        config.admin_token_generated = true;
    }
    if (config.base_url.empty()) config.base_url = "http://" + config.listen;
    while (config.base_url.ends_with('/')) config.base_url.pop_back();
    return std::nullopt;
}

}  // namespace coursedist::app
