#pragma once
// Every setting is a flag and an environment variable (SPEC section 5).

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace coursedist::app {

struct Config {
    std::string command;   // serve | migrate | import-json | export-json
    std::string seed_dir;  // import-json / export-json: the folder of the seed's JSON files
    std::string listen = "127.0.0.1:8080";
    std::string database = "sqlite:data/coursedist.db";
    std::optional<std::string> redis;
    std::size_t stream_maxlen = 10'000;       // XADD MAXLEN ~ on brain:events:stream
    double outbox_retention_hours = 24;       // published outbox rows are pruned after this
    double event_log_retention_days = 30;     // embedded mode: older events are pruned; 0 keeps all
    double counter_event_window_seconds = 1;  // coalesced counter events; 0: one per view
    int bucket_retention_days = 400;          // hourly buckets; 0 keeps them
    bool consumer = true;  // read brain:events:stream (only when Redis is configured)
    double consumer_min_idle_seconds = 30;      // pending entries older than this are re-claimed
    int consumer_max_deliveries = 5;            // then the entry goes to the dead-letter stream
    std::size_t dlq_maxlen = 10'000;            // entries brain:events:dlq keeps at most
    std::optional<int> sqlite_busy_timeout_ms;  // unset: the SQLite backend's default
    // "full" (a commit survives a power loss) or "normal" (survives a crash of the process only).
    std::string sqlite_synchronous = "full";
    std::vector<std::string> admin_tokens;  // from COURSEDIST_ADMIN_TOKENS or the tokens file
    bool admin_token_generated = false;
    std::string base_url;  // default: http://<listen>
    std::optional<std::string> templates;
    // One HTTP thread per core: views and clicks wait for their (group) commit without holding a
    // thread, so more threads than cores only add switching (BENCHMARKS.md). The pool leaves room
    // for the relay, the consumer and the event log retention besides the HTTP threads.
    int threads = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    int db_pool = threads + 2;
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
    // Page views and enrollment clicks per client address: "<per second>,<burst>" or "off".
    std::string public_rate_limit = "1,30";
    bool trust_forwarded_for = false;  // rate-limit by X-Forwarded-For (behind a proxy only)
    int public_cache_ttl_ms = 1000;
    // Webhooks (spec/webhooks.md): http:// and internal addresses allowed (tests, private
    // networks); the retry schedule multiplied by the scale (1: the spec's 5 s … 24 h).
    bool webhook_allow_private = false;
    double webhook_retry_scale = 1;
    // CTA experiments (spec/growth.md): the daily salts of the visitors' assignment derive from
    // it; instances behind one site share it. Empty: a random one, kept in memory only.
    std::string experiment_secret;
};

// Parses argv and the environment. Returns the exit code to use when the process should stop
// right away (--help, a usage error), nullopt to go on.
std::optional<int> parse_config(int argc, char** argv, Config& config);

}  // namespace coursedist::app
