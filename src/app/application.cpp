#include "app/application.hpp"

#include "app/demo.hpp"
#include "app/event_consumer.hpp"
#include "app/logging.hpp"
#include "app/outbox_keeper.hpp"
#include "app/storage_factory.hpp"
#include "app/version.hpp"
#include "app/webhooks.hpp"
#include "http/api.hpp"
#include "http/dispatcher.hpp"
#include "http/rate_limit.hpp"
#include "http/server.hpp"
#include "service/admin_sessions.hpp"
#include "service/counter_upkeep.hpp"
#include "service/distribution_service.hpp"
#include "service/metrics.hpp"
#include "web/console.hpp"
#include "web/page_routes.hpp"
#include "web/referrer.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

namespace coursedist::app {

namespace {

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be address:port");
    auto host = listen.substr(0, colon);
    if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
    int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::runtime_error("--listen port out of range");
    return {host, static_cast<std::uint16_t>(port)};
}

std::chrono::milliseconds millis(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

// SIGTERM/SIGINT are blocked in every thread and taken by one watcher thread, so shutdown runs
// as ordinary code rather than inside a signal handler.
sigset_t block_shutdown_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

// The visitor counters' limiter (Limit::VisitorCounter in the route table), or null when off.
std::shared_ptr<http::ClientRateLimiter> visitor_limit(const Config& config) {
    auto settings = http::parse_rate_limit(config.public_rate_limit);
    if (!settings || !settings->enabled) return nullptr;  // parse_config refused invalid text
    settings->trust_forwarded_for = config.trust_forwarded_for;
    return std::make_shared<http::ClientRateLimiter>(*settings);
}

service::CounterUpkeepOptions counter_upkeep_options(const Config& config) {
    service::CounterUpkeepOptions options;
    if (config.bucket_retention_days > 0) {
        options.bucket_retention_days = config.bucket_retention_days;
    } else {
        options.bucket_retention_days.reset();
    }
    return options;
}

}  // namespace

int run_migrate(const Config& config) {
    configure_logging("text", "info");
    auto store = open_store(config.database, 1, sqlite_settings(config));
    store->migrate();
    std::cout << "database at schema version " << store->schema_version() << "\n";
    return 0;
}

int run_serve(const Config& config) {
    configure_logging(config.log_format, config.log_level);
    auto signals = block_shutdown_signals();
    // Templates first: a broken override template stops start-up before anything else happens.
    web::PageRenderer pages(
        web::TemplateSet::load(config.templates
                                   ? std::optional<std::filesystem::path>(*config.templates)
                                   : std::nullopt),
        web::Site{config.base_url, web::url_host(config.base_url)});

    auto store = open_store(config.database, config.db_pool, sqlite_settings(config));
    store->migrate();
    service::Metrics metrics;
    service::DistributionService service(*store, metrics, service::system_clock_now,
                                         {config.counter_event_window_seconds});
    service::CounterUpkeep counting(service, counter_upkeep_options(config));
    auto outbox = make_outbox_keeper(config, *store, service, metrics);
    service::EventIngest ingest(service);
    auto consumer = make_event_consumer(config, ingest, metrics);
    Webhooks webhooks(config, *store, service, metrics);
    if (config.demo) load_demo_courses(service, config.base_url);

    http::AdminAuth auth(config.admin_tokens);
    std::atomic<bool> draining{false};
    service::ViewCache views(std::chrono::milliseconds(config.public_cache_ttl_ms), 50'000);
    http::ApiDependencies deps{service, auth, {}, draining, kVersion, config.base_url};
    deps.views = &views;
    deps.readiness.push_back({"storage", true, [&store] {
                                  return store->ping() ? std::string("ok")
                                                       : std::string("unavailable");
                              }});
    // Not required: while Redis is away events wait in the outbox and the API keeps serving.
    deps.readiness.push_back({"redis", false, [&outbox] { return outbox->publisher_state(); }});
    http::RouteHandlers routes;
    http::bind_public_routes(routes, deps);
    http::bind_admin_routes(routes, deps);
    http::bind_ops_routes(routes, deps);
    http::bind_event_routes(routes, deps);
    http::bind_event_ingest_routes(routes, ingest);
    service::StatsService stats(*store);
    http::bind_stats_routes(routes, stats);
    http::bind_webhook_routes(routes, webhooks.subscriptions);
    service::GrowthService growth(service);
    http::bind_growth_routes(routes, growth);
    http::bind_brain_routes(routes, deps,
                            [own_host = web::url_host(config.base_url)](const http::Request& r) {
                                return web::view_referrer(r, own_host);
                            });
    service::ExperimentService experiments(service, config.experiment_secret);
    http::bind_experiment_routes(routes, experiments);
    web::PagesDependencies page_deps{service, pages};
    page_deps.landing_cache_ttl = std::chrono::milliseconds(config.public_cache_ttl_ms);
    page_deps.experiments = &experiments;
    page_deps.trust_forwarded_for = config.trust_forwarded_for;
    web::bind_page_routes(routes, page_deps);
    service::AdminSessions sessions(
        *store, service::system_clock_now,
        {config.admin_session_idle_seconds, config.admin_session_max_seconds});
    web::ConsoleDependencies console_deps{service, stats, sessions, webhooks.subscriptions,
                                          auth,    pages};
    web::bind_console_routes(routes, console_deps);
    const auto router = http::build_router(routes, {auth, visitor_limit(config)});
    http::Dispatcher dispatcher(router, metrics);

    auto [address, port] = split_listen(config.listen);
    http::ServerOptions options;
    options.address = address;
    options.port = port;
    options.threads = config.threads;
    options.limits.drain_timeout = millis(config.drain_timeout_seconds);
    options.limits.header_read_timeout = millis(config.header_timeout_seconds);
    options.limits.body_read_timeout = millis(config.body_timeout_seconds);
    options.limits.keep_alive_idle = millis(config.idle_timeout_seconds);
    options.limits.max_connections = config.max_connections;
    http::Server server(options, [&dispatcher](http::Request& r) { return dispatcher(r); });
    server.listen();
    outbox->start();
    counting.start();
    if (consumer) consumer->start();
    webhooks.dispatcher.start();
    experiments.start();

    auto url = "http://" + address + ":" + std::to_string(server.bound_port());
    if (config.port_file) {
        std::ofstream(*config.port_file + ".tmp") << server.bound_port() << "\n";
        std::filesystem::rename(*config.port_file + ".tmp", *config.port_file);
    }
    spdlog::info("coursedist {} listening on {} ({} storage, {})", kVersion, url,
                 store->backend_name(), config.redis ? "Redis events" : "embedded events");
    std::cout << "coursedist is running at " << url << "\n"
              << "  catalog:  " << url << "/api/distributions/catalog\n"
              << "  pages:    " << url << "/courses\n"
              << "  console:  " << url << "/admin (sign in with an admin token)\n";
    if (config.admin_token_generated)
        std::cout << "  admin token (generated; set COURSEDIST_ADMIN_TOKENS to choose one): "
                  << config.admin_tokens.front() << "\n";
    std::cout << std::flush;

    std::thread signal_watcher([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        spdlog::info("signal {}: readiness off, draining", signal);
        draining = true;
        if (config.shutdown_grace_seconds > 0)
            std::this_thread::sleep_for(millis(config.shutdown_grace_seconds));
        server.stop();
    });
    server.run();
    if (!draining) {  // run() ended on its own: release the watcher
        draining = true;
        kill(getpid(), SIGTERM);
    }
    signal_watcher.join();
    // The counter writes of the last requests commit (and wake the relay) before it stops.
    service.stop_committer();
    experiments.stop_checks();  // its last check may write: before the upkeep closes the windows
    counting.stop();            // closes the open counter windows: their events go out too
    if (consumer) consumer->stop();  // before the relay: its last events go out too
    outbox->stop();                  // after the drain: the last requests' events go out first
    webhooks.dispatcher.stop();      // what it has not delivered it delivers after the restart
    spdlog::info("stopped");
    return 0;
}

}  // namespace coursedist::app
