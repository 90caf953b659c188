#pragma once
// The request bodies of BRAiN's own routes (spec/brain-routes.md), decoded into the domain's
// requests by the same member tables and rules as the API's: CreateDistributionRequest into a
// CreateRequest, MicroNicheDerivationRequest into a VariantRequest of its parent. Unknown fields
// are refused, as BRAiN's models forbid extras; errors carry BRAiN's field names.

#include "domain/model_decoding.hpp"
#include "domain/requests.hpp"

#include <boost/json/value.hpp>

#include <string>

namespace coursedist::domain {

struct MicroNicheRequest {
    std::string parent_id;  // parent_course_id: a distribution id
    VariantRequest variant;
};

// course_id, slug, language, title, description, target_group, seo and cta required; version
// optional (v1); no outline.
Decoded<CreateRequest> decode_brain_create(const boost::json::value& body);
// parent_course_id, new_slug, language, derived_content, seo, cta and target_group required.
// derived_content's target_group_override, when it names any, replaces target_group; its
// example_replacements are accepted and not kept (coursedist stores no example content).
// The rules are checked here in full, so that every error names BRAiN's field.
Decoded<MicroNicheRequest> decode_micro_niche(const boost::json::value& body);

}  // namespace coursedist::domain
