#pragma once
// The distribution form of the admin console (spec/admin-console.md, "Pages"): its fields, each
// described once (label, input, where it goes in the API's JSON body, where the API's errors
// about it come back); the JSON body of a create or update built from the typed values, so that
// the API's own decoders and rules check it; and the view the form template renders, with the
// typed values kept and every error beside its field.

#include "domain/model.hpp"

#include <boost/json/object.hpp>
#include <kainjow/mustache.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace coursedist::web {

using FormValues = std::map<std::string, std::string, std::less<>>;

enum class FormMode { Create, Update };

// The entries of a comma-separated input, trimmed, the empty ones left out.
std::vector<std::string> comma_separated(std::string_view text);

// The values joined by `separator`.
std::string joined(const std::vector<std::string>& values, std::string_view separator);

// The values a form shows for `d` (the edit form).
FormValues form_values(const domain::Distribution& d);

// The JSON body of POST /api/distributions/create for the typed values.
boost::json::object create_body(const FormValues& values);
// The JSON body of PUT /api/distributions/{id}: every member the form edits; what it does not
// show (hreflang alternates, prerequisites, learning outcomes, module ids) is kept from `current`.
boost::json::object update_body(const FormValues& values, const domain::Distribution& current);

// The API's errors by the form field they belong to (its message, prefixed by the exact member
// when that is an entry of a list); errors of no field under "" .
std::map<std::string, std::vector<std::string>> errors_by_field(const domain::FieldErrors& errors);

// The view of the form's fields (console_form_fields.mustache): `fields` with their label,
// value, hint, error and counter, a `form_error` of no field, and the search-result preview of
// the SEO fields at `site_url`.
kainjow::mustache::data form_view(FormMode mode, const FormValues& values,
                                  const std::map<std::string, std::vector<std::string>>& errors,
                                  const std::string& site_url);

}  // namespace coursedist::web
