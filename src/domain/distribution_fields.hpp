#pragma once
// Distribution's fields, described once: each field's JSON name and encoding (the admin API's
// CourseDistribution, SPEC section 2) and whether a change to it is reported by
// `distribution.updated` (SPEC section 4). The admin encoding and the updated diff both loop over
// this table, so a new model field is one line here.

#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <span>
#include <string_view>

namespace coursedist::domain {

struct DistributionField {
    std::string_view name;
    boost::json::value (*to_json)(const Distribution&);
    // Reported in updated_fields/old_values/new_values when it changes. Not reported: ids and
    // lineage (never updated), the version and published_at (their own events), the counters and
    // the timestamps (they change with every write or view, not by an edit).
    bool reported_as_updated;
};

// In declaration order of Distribution, which is also the key order of the admin JSON.
std::span<const DistributionField> distribution_fields();

}  // namespace coursedist::domain
