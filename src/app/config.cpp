#include "app/config.hpp"

#include "app/version.hpp"
#include "http/rate_limit.hpp"
#include "storage/sqlite/sqlite_store.hpp"

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
    command
        .add_option("--sqlite-busy-timeout-ms", config.sqlite_busy_timeout_ms,
                    "milliseconds a SQLite write waits for a lock held by another process")
        ->envname("COURSEDIST_SQLITE_BUSY_TIMEOUT_MS")
        ->check(CLI::Range(0, 600'000));
    command
        .add_option("--sqlite-synchronous", config.sqlite_synchronous,
                    "full: an acknowledged write survives a power loss (the default); normal: it "
                    "survives a crash of the process, not of the machine")
        ->envname("COURSEDIST_SQLITE_SYNCHRONOUS")
        ->check(CLI::Validator(
            [](std::string& value) {
                return storage::parse_sqlite_synchronous(value) ? std::string()
                                                                : "expected full or normal";
            },
            "full|normal"))
        ->capture_default_str();
}

}  // namespace

std::optional<int> parse_config(int argc, char** argv, Config& config) {
    CLI::App app{"coursedist: public distribution of generated courses"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("coursedist ") + kVersion);

    auto* serve = app.add_subcommand("serve", "run the HTTP service");
    add_database_option(*serve, config);
    serve->add_option("--listen", config.listen, "address:port to listen on")
        ->envname("COURSEDIST_LISTEN")
        ->capture_default_str();
    serve->add_option("--redis", config.redis, "redis://host:port[/db]; unset = embedded mode")
        ->envname("COURSEDIST_REDIS");
    serve
        ->add_option("--stream-maxlen", config.stream_maxlen,
                     "approximate length Redis keeps of the event stream (XADD MAXLEN ~)")
        ->envname("COURSEDIST_STREAM_MAXLEN")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000'000}))
        ->capture_default_str();
    serve
        ->add_option("--outbox-retention-hours", config.outbox_retention_hours,
                     "hours published events stay in the outbox before pruning")
        ->envname("COURSEDIST_OUTBOX_RETENTION_HOURS")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    serve
        ->add_option("--event-log-retention-days", config.event_log_retention_days,
                     "embedded mode (no Redis): days events stay in the event log; 0 keeps all")
        ->envname("COURSEDIST_EVENT_LOG_RETENTION_DAYS")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    serve
        ->add_option("--counter-event-window", config.counter_event_window_seconds,
                     "seconds: the views (clicks) of one course and category within this long "
                     "share one coalesced event with a count; 0 = one event per view")
        ->envname("COURSEDIST_COUNTER_EVENT_WINDOW")
        ->check(CLI::Range(0.0, 3600.0))
        ->capture_default_str();
    serve
        ->add_option("--bucket-retention-days", config.bucket_retention_days,
                     "days the hourly view and click buckets behind the stats are kept; 0 keeps "
                     "all")
        ->envname("COURSEDIST_BUCKET_RETENTION_DAYS")
        ->check(CLI::Range(0, 100'000))
        ->capture_default_str();
    serve
        ->add_option("--consumer", config.consumer,
                     "consume course_factory events from Redis (on/off; needs --redis)")
        ->envname("COURSEDIST_CONSUMER")
        ->capture_default_str();
    serve
        ->add_option("--consumer-min-idle", config.consumer_min_idle_seconds,
                     "seconds a delivered event stays unacknowledged before it is re-claimed "
                     "and retried; longer than the slowest handler")
        ->envname("COURSEDIST_CONSUMER_MIN_IDLE_SECONDS")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    serve
        ->add_option("--consumer-max-deliveries", config.consumer_max_deliveries,
                     "deliveries of a failing event before it goes to brain:events:dlq")
        ->envname("COURSEDIST_CONSUMER_MAX_DELIVERIES")
        ->check(CLI::Range(1, 1000))
        ->capture_default_str();
    serve
        ->add_option("--dlq-maxlen", config.dlq_maxlen,
                     "entries the dead-letter stream brain:events:dlq keeps at most (the oldest "
                     "are trimmed)")
        ->envname("COURSEDIST_DLQ_MAXLEN")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000'000}))
        ->capture_default_str();
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
    serve
        ->add_option("--shutdown-grace", config.shutdown_grace_seconds,
                     "seconds /readyz reports 503 before draining starts")
        ->envname("COURSEDIST_SHUTDOWN_GRACE");
    serve
        ->add_option("--drain-timeout", config.drain_timeout_seconds,
                     "seconds in-flight requests get to finish on SIGTERM")
        ->envname("COURSEDIST_DRAIN_TIMEOUT");
    serve
        ->add_option("--header-timeout", config.header_timeout_seconds,
                     "seconds a client has to send the request headers")
        ->envname("COURSEDIST_HEADER_TIMEOUT");
    serve
        ->add_option("--body-timeout", config.body_timeout_seconds,
                     "seconds a client has to send the request body")
        ->envname("COURSEDIST_BODY_TIMEOUT");
    serve
        ->add_option("--idle-timeout", config.idle_timeout_seconds,
                     "seconds an idle keep-alive connection stays open")
        ->envname("COURSEDIST_IDLE_TIMEOUT");
    serve->add_option("--max-connections", config.max_connections, "open connections at most")
        ->envname("COURSEDIST_MAX_CONNECTIONS");
    serve
        ->add_option("--public-rate-limit", config.public_rate_limit,
                     "page views and enrollment clicks one client address may make: "
                     "<per second>,<burst>, or off")
        ->envname("COURSEDIST_PUBLIC_RATE_LIMIT")
        ->check(CLI::Validator(
            [](std::string& value) {
                return http::parse_rate_limit(value) ? std::string()
                                                     : "expected <per second>,<burst> or off";
            },
            "RATE,BURST|off"))
        ->capture_default_str();
    serve
        ->add_option("--trust-forwarded-for", config.trust_forwarded_for,
                     "rate-limit by the last X-Forwarded-For address (only behind a proxy that "
                     "sets it)")
        ->envname("COURSEDIST_TRUST_FORWARDED_FOR")
        ->capture_default_str();
    serve
        ->add_option("--experiment-secret", config.experiment_secret,
                     "what the daily salts of CTA experiment assignments derive from (instances "
                     "of one site share it; default: random, in memory)")
        ->envname("COURSEDIST_EXPERIMENT_SECRET");
    serve
        ->add_option("--public-cache-ttl-ms", config.public_cache_ttl_ms,
                     "how long public API views and landing pages may be reused when other "
                     "instances write (0: off)")
        ->envname("COURSEDIST_PUBLIC_CACHE_TTL_MS")
        ->check(CLI::Range(0, 3'600'000))
        ->capture_default_str();
    serve
        ->add_option("--webhook-allow-private", config.webhook_allow_private,
                     "webhooks may target http:// URLs and loopback, private, link-local, "
                     "unique-local and metadata addresses (tests and private networks only)")
        ->envname("COURSEDIST_WEBHOOK_ALLOW_PRIVATE")
        ->capture_default_str();
    serve
        ->add_option("--webhook-retry-scale", config.webhook_retry_scale,
                     "multiplies every duration of the webhook retry schedule (5 s, 30 s, 2 min, "
                     "10 min, 30 min, 1 h, hourly up to 24 h); 1 follows the spec, tests set it "
                     "small")
        ->envname("COURSEDIST_WEBHOOK_RETRY_SCALE")
        ->check(CLI::Range(1e-9, 1000.0))
        ->capture_default_str();
    std::string token_on_command_line;
    serve->add_option("--admin-token,--admin-tokens", token_on_command_line,
                      "refused: use COURSEDIST_ADMIN_TOKENS or COURSEDIST_ADMIN_TOKENS_FILE");

    auto* migrate = app.add_subcommand("migrate", "apply database migrations and exit");
    add_database_option(*migrate, config);

    auto* import_json = app.add_subcommand(
        "import-json",
        "import the seed's JSON storage (distributions.json, slug_index.json, derivations.json) in "
        "one transaction; exit status 0: all imported, 3: some records refused (listed), 1: error");
    add_database_option(*import_json, config);
    import_json->add_option("dir", config.seed_dir, "folder holding the JSON files")
        ->required()
        ->check(CLI::ExistingDirectory);
    auto* export_json = app.add_subcommand(
        "export-json", "write every distribution in the seed's JSON storage format");
    add_database_option(*export_json, config);
    export_json->add_option("dir", config.seed_dir, "folder to write the JSON files into")
        ->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    config.command = app.get_subcommands().front()->get_name();

    if (!token_on_command_line.empty()) {
        // Command lines show up in `ps` and shell history.
        std::cerr
            << "coursedist: admin tokens on the command line are refused (visible in ps and "
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
    if (config.experiment_secret.empty()) config.experiment_secret = generated_token();
    if (config.base_url.empty()) config.base_url = "http://" + config.listen;
    while (config.base_url.ends_with('/')) config.base_url.pop_back();
    return std::nullopt;
}

}  // namespace coursedist::app
