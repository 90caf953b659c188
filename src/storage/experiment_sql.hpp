#pragma once
// The CTA experiment statements of Transaction (store.hpp, "CTA experiments"), shared by the SQL
// backends, each spelling its placeholders; and the reading of their rows. Parameters are listed
// beside each statement in the order they are bound.

#include "domain/experiment.hpp"
#include "storage/distribution_columns.hpp"
#include "storage/sql_value.hpp"
#include "storage/store.hpp"

#include <string>
#include <vector>

namespace coursedist::storage {

struct ExperimentSql {
    // experiment_id, distribution_id, name, status, variants, auto_promote, started_at,
    // stopped_at, winner
    std::string insert;
    std::string find;             // experiment_id → experiment columns
    std::string of_distribution;  // distribution_id → the same, newest first
    std::string running;          // distribution_id → the same, the running one
    std::string update;           // status, stopped_at, winner, experiment_id
    // distribution_id, from_hour → variant, kind, sum of count (buckets with a variant)
    std::string variant_counts;
};

ExperimentSql build_experiment_sql(Placeholder placeholder);

domain::Experiment read_experiment(const ColumnReader& row);
std::vector<SqlValue> experiment_insert_params(const domain::Experiment& e);
std::vector<SqlValue> experiment_update_params(const domain::Experiment& e);
// A row of variant_counts as a bucket sum (hour left 0).
BucketCount read_variant_count(const ColumnReader& row, std::string_view distribution_id);

}  // namespace coursedist::storage
