#pragma once
// Distribution's fields, described once: each field's JSON name, encoding and decoding (the admin
// API's CourseDistribution, SPEC section 2), whether a whole distribution must have it, and
// whether a change to it is reported by `distribution.updated` (SPEC section 4). The admin
// encoding, the distribution decoder (model_decoding.hpp) and the updated diff all loop over this
// table, so a new model field is one line here.

#include "domain/model.hpp"

#include <boost/json/value.hpp>

#include <span>
#include <string>
#include <string_view>

namespace coursedist::domain {

struct DistributionField {
    std::string_view name;
    boost::json::value (*to_json)(const Distribution&);
    // Reads the field from untrusted JSON (never null: null is absent), reporting failures under
    // `path`; the reader follows from the member's type.
    void (*from_json)(Distribution&, const boost::json::value&, const std::string& path,
                      FieldErrors& errors);
    bool required;  // in a whole distribution (the seed's records, the API's answers)
    // Reported in updated_fields/old_values/new_values when it changes. Not reported: ids and
    // lineage (never updated), the version and published_at (their own events), the counters and
    // the timestamps (they change with every write or view, not by an edit).
    bool reported_as_updated;
};

// In declaration order of Distribution, which is also the key order of the admin JSON.
std::span<const DistributionField> distribution_fields();

}  // namespace coursedist::domain
