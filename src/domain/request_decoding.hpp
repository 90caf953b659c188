#pragma once
// What the request decoders of requests.cpp and brain_requests.cpp share: one body decoded by its
// member table with the model's rules reported beside the decoding errors. Internal to src/domain.

#include "domain/model_decoding.hpp"
#include "domain/requests.hpp"

#include <boost/json.hpp>

namespace coursedist::domain {

// The members of the API's create request (POST /api/distributions/create).
const decoding::Members<CreateRequest>& create_members();
// The rules of a create request, checked on the distribution it describes.
FieldErrors create_rules(const CreateRequest& request);

// An array of target groups; `at_least_one` refuses an empty one (a variant's).
decoding::ValueReader<std::vector<std::string>> target_groups(bool at_least_one);

// A valid distribution to check a partial request's rules against: a rule that fails on it
// fails because of what the request set.
const Distribution& valid_placeholder();

// The rule errors about members the body has: a rule on a value the service would derive from an
// absent member (the default SEO of a missing title) is not the body's failure.
FieldErrors about_members_of(const boost::json::object& body, FieldErrors rule_errors);

// The rules of a variant request, checked on the variant it derives from a valid parent, under
// the request's names (title_override, description_override).
FieldErrors variant_rules(const VariantRequest& request);

// Decodes `body` by `members`; when decoding failed, the rules checked on what was decoded
// (`rules(value)`) are reported with it.
template <typename T, typename Rules>
Decoded<T> decode_body(const boost::json::value& body, const decoding::Members<T>& members,
                       Rules&& rules) {
    Decoded<T> out;
    const boost::json::object* object = decoding::object_at(body, "", out.errors);
    if (!object) return out;
    decoding::decode_members(body, "", members, out.value, out.errors);
    if (!out.ok())
        decoding::add_rule_errors(out.errors, about_members_of(*object, rules(out.value)));
    return out;
}

}  // namespace coursedist::domain
