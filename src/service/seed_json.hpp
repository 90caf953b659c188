#pragma once
// The seed's JSON file storage (distribution_storage.py) in and out of a Store:
//   distributions.json  {distribution_id: CourseDistribution with the seed's field names}
//   slug_index.json     {slug: distribution_id}
//   derivations.json    {parent distribution_id: [child distribution_id, …]}
// Timestamps are float Unix seconds. Fields the seed does not have (outline, staging_*, counters)
// are optional on import and written on export, so an export re-imports without loss.
//
// Import runs in ONE write transaction (a storage error imports nothing). Each record is decoded
// and checked with domain::validate; a record that fails (or whose parent was refused or is
// unknown, whose id already exists, or whose slug is taken) is refused with its reasons and
// skipped; the others are inserted, parents before their variants, and committed together.
// slug_index.json and derivations.json are derived data in the seed: disagreements with
// distributions.json are reported as warnings, never imported. Imported rows produce no outbox
// events: importing is a migration of existing data, not a change consumers have to hear about.
// Time and memory are linear in the number of records: each record's JSON is freed once it is
// decoded.

#include "storage/store.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace coursedist::service {

struct RefusedRecord {
    std::string key;  // the record's key in distributions.json
    std::vector<std::string> reasons;
};

struct SeedImportReport {
    std::vector<std::string> imported;  // distribution ids, in insertion order
    std::vector<RefusedRecord> refused;
    std::vector<std::string> warnings;
};

// How far an import has come. Imported rows become visible together, when the import commits.
struct SeedImportProgress {
    std::size_t records = 0;  // in distributions.json
    std::size_t read = 0;     // decoded and checked so far
    std::size_t imported = 0;
    std::size_t refused = 0;
};

// Called after each record is read, and after each record is imported or refused.
using SeedImportObserver = std::function<void(const SeedImportProgress&)>;

// Throws std::runtime_error when a file is missing or is not the expected JSON shape (nothing is
// imported then); storage errors propagate.
SeedImportReport import_seed_json(storage::Store& store, const std::filesystem::path& dir,
                                  const SeedImportObserver& observe = {});

// Writes the three files into `dir` (created if needed), each replaced atomically. Returns the
// number of distributions written.
std::size_t export_seed_json(storage::Store& store, const std::filesystem::path& dir);

}  // namespace coursedist::service
