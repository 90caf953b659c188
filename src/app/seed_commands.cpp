// `coursedist import-json <dir>` and `coursedist export-json <dir>` (service/seed_json.hpp).

#include "app/application.hpp"
#include "app/storage_factory.hpp"
#include "service/seed_json.hpp"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <string>

namespace coursedist::app {

namespace {
// Some records were refused (and listed) while the others were imported.
constexpr int kExitSomeRefused = 3;

// An import's progress on stderr (stdout keeps the report): on a terminal one line rewritten in
// place at most ten times a second; otherwise (a log, a pipe) a line each time another 10,000
// records have been read, and each time another 10,000 have been imported or refused.
class ImportProgressDisplay {
  public:
    static constexpr std::size_t kRecordsPerLine = 10'000;

    explicit ImportProgressDisplay(bool terminal) : terminal_(terminal) {}
    ImportProgressDisplay(const ImportProgressDisplay&) = delete;
    ImportProgressDisplay& operator=(const ImportProgressDisplay&) = delete;
    ~ImportProgressDisplay() { finish(); }

    void operator()(const service::SeedImportProgress& progress) {
        last_ = progress;
        if (terminal_) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last_drawn_ < std::chrono::milliseconds(100)) return;
            last_drawn_ = now;
            std::cerr << "\r" << line(progress) << std::flush;
            drawn_ = true;
            return;
        }
        const auto settled = progress.imported + progress.refused;
        if (progress.read / kRecordsPerLine > lines_read_ ||
            settled / kRecordsPerLine > lines_settled_) {
            lines_read_ = progress.read / kRecordsPerLine;
            lines_settled_ = settled / kRecordsPerLine;
            std::cerr << line(progress) << "\n";
        }
    }

    // Ends the live line with the final counts.
    void finish() {
        if (!drawn_) return;
        std::cerr << "\r" << line(last_) << "\n" << std::flush;
        drawn_ = false;
    }

  private:
    static std::string line(const service::SeedImportProgress& p) {
        return "import: " + std::to_string(p.read) + "/" + std::to_string(p.records) +
               " records read, " + std::to_string(p.imported) + " imported, " +
               std::to_string(p.refused) + " refused";
    }

    bool terminal_;
    service::SeedImportProgress last_;
    std::chrono::steady_clock::time_point last_drawn_;
    bool drawn_ = false;
    std::size_t lines_read_ = 0;
    std::size_t lines_settled_ = 0;
};

}  // namespace

int run_import_json(const Config& config) {
    auto store = open_store(config.database, 1, sqlite_settings(config));
    store->migrate();
    ImportProgressDisplay progress(::isatty(STDERR_FILENO) == 1);
    const auto report = service::import_seed_json(*store, config.seed_dir,
                                                  [&](const auto& counts) { progress(counts); });
    progress.finish();
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
    auto store = open_store(config.database, 1, sqlite_settings(config));
    store->migrate();
    const auto count = service::export_seed_json(*store, config.seed_dir);
    std::cout << count << " distributions exported to " << config.seed_dir << "\n";
    return 0;
}

}  // namespace coursedist::app
