#pragma once
// The seed's JSON file storage (distribution_storage.py) in and out of a Store:
//   distributions.json  {distribution_id: CourseDistribution with the seed's field names}
//   slug_index.json     {slug: distribution_id}
//   derivations.json    {parent distribution_id: [child distribution_id, …]}
// Timestamps are float Unix seconds. Fields the seed does not have (outline, staging_*, counters)
// are optional on import and written on export, so an export re-imports without loss.
//
// Import runs in ONE write transaction. Each record is decoded and checked with domain::validate;
// a record that fails (or whose parent was refused or is unknown, whose id already exists, or
// whose slug is taken) is refused with its reasons and skipped; the others are inserted, parents
// before their variants, and committed together. slug_index.json and derivations.json are derived
// data in the seed: disagreements with distributions.json are reported as warnings, never
// imported. Imported rows produce no outbox events: importing is a migration of existing data,
// not a change consumers have to hear about.

#include "storage/store.hpp"

#include <filesystem>
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

// Throws std::runtime_error when a file is missing or is not the expected JSON shape (nothing is
// imported then); storage errors propagate.
SeedImportReport import_seed_json(storage::Store& store, const std::filesystem::path& dir);

// Writes the three files into `dir` (created if needed), each replaced atomically. Returns the
// number of distributions written.
std::size_t export_seed_json(storage::Store& store, const std::filesystem::path& dir);

}  // namespace coursedist::service
