#pragma once
// Untrusted request bodies (SPEC section 3) decoded into typed requests, each by a table of its
// members (model_decoding.hpp for the nested objects). A request that fails to decode reports
// every failing field in one answer: wrong JSON types, unknown fields (refused, as the seed's
// models forbid extras), read-only and missing required fields, invalid UTF-8, enum values out of
// range, and — checked on what could be decoded — the rules of validation.hpp. A request that
// decodes is checked against the rules by the service, on the distribution it produces.

#include "domain/model.hpp"
#include "domain/model_decoding.hpp"

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coursedist::domain {

struct CreateRequest {
    std::string course_id;
    std::string language;
    std::string title;
    std::string description;
    std::vector<std::string> target_group;
    std::optional<std::string> slug;
    std::optional<Seo> seo;
    std::optional<Cta> cta;
    std::optional<std::string> version;
    std::optional<Outline> outline;
};

// PUT: only the members present are set. Read-only members (distribution_id, course_id,
// derived_from, version, view_count, enrollment_count, created_at, updated_at, published_at,
// staging_url, staging_deployed_at) are refused as read-only; `public` visibility is refused
// (publishing goes through /publish).
struct UpdateRequest {
    std::optional<std::string> slug;
    std::optional<std::string> language;
    std::optional<std::string> title;
    std::optional<std::string> description;
    std::optional<std::vector<std::string>> target_group;
    std::optional<Seo> seo;
    std::optional<Cta> cta;
    std::optional<Outline> outline;
    std::optional<Visibility> visibility;
    bool empty() const;
};

struct VariantRequest {
    std::optional<std::string> slug;
    std::optional<std::string> language;
    std::optional<std::string> title_override;
    std::optional<std::string> description_override;
    std::vector<std::string> target_group;  // required
    std::optional<Seo> seo;
    std::optional<Cta> cta;
    std::optional<std::string> additional_context;
    std::optional<std::vector<std::string>> module_filters;
};

inline constexpr const char* kReferrerCategories[] = {
    "organic_search", "social", "direct", "referral", "email", "paid", "other"};

struct LogViewRequest {
    std::optional<std::string> referrer_category;  // one of kReferrerCategories
};

struct TrackClickRequest {
    std::optional<std::string> cta_type;  // 1-50 code points
};

struct VersionBumpRequest {
    std::optional<std::string> changelog;  // at most 5000 code points
};

// An absent body (empty string) is allowed for the optional-body requests; the callers pass
// `nullptr` JSON for it.
Decoded<CreateRequest> decode_create(const boost::json::value& body);
Decoded<UpdateRequest> decode_update(const boost::json::value& body);
Decoded<VariantRequest> decode_variant(const boost::json::value& body);
Decoded<LogViewRequest> decode_log_view(const boost::json::value& body);
Decoded<TrackClickRequest> decode_track_click(const boost::json::value& body);
Decoded<VersionBumpRequest> decode_version_bump(const boost::json::value& body);

// The distribution a create request describes, before id, timestamps and slug uniqueness are
// settled: defaults for what it leaves out (version v1, SEO, CTA, empty outline, a slug from the
// title with `random_hex6` as the short-title fallback).
Distribution distribution_from(const CreateRequest& request, std::string_view random_hex6);

// The stored distribution with the members an update sets replaced.
void apply(const UpdateRequest& request, Distribution& d);

}  // namespace coursedist::domain
