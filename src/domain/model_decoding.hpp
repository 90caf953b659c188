#pragma once
// The decoding tables of the model's JSON (SPEC section 2), shared by every reader of untrusted
// JSON: the request decoders (requests.hpp) take the nested objects from here, and the seed
// importer decodes whole distributions with decode_distribution.

#include "domain/object_decoder.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

namespace coursedist::domain {

template <typename T>
struct Decoded {
    T value{};
    FieldErrors errors;
    bool ok() const { return errors.empty(); }
};

const decoding::Members<Seo>& seo_members();
const decoding::Members<Cta>& cta_members();
const decoding::Members<Module>& module_members();
const decoding::Members<Outline>& outline_members();
// The whole CourseDistribution as the API and the seed's storage write it.
const decoding::Members<Distribution>& distribution_members();

// Strict decoders of one nested object: nullopt when anything failed (every failure reported).
std::optional<Seo> decode_seo(const boost::json::value& v, std::string_view prefix,
                              FieldErrors& errors);
std::optional<Cta> decode_cta(const boost::json::value& v, std::string_view prefix,
                              FieldErrors& errors);
std::optional<Outline> decode_outline(const boost::json::value& v, std::string_view prefix,
                                      FieldErrors& errors);

// A whole distribution: decoding errors and the model's rules (validation.hpp) together.
Decoded<Distribution> decode_distribution(const boost::json::value& v);

}  // namespace coursedist::domain
