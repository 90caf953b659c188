#pragma once
// Payloads of the nine produced events (SPEC section 4, "Produced") and the envelope's JSON form.
// Times in payloads are ISO-8601 UTC with `Z`.

#include "domain/event.hpp"
#include "domain/model.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::domain {

std::string iso8601_utc(double unix_seconds);  // 2026-11-27T14:25:24.123456Z

// A new envelope with meta filled in (schema_version, producer, source_module, correlation_id).
EventEnvelope make_envelope(std::string_view type, boost::json::object payload, std::string id,
                            double now, const std::optional<std::string>& correlation_id);
// The envelope as one JSON object (payload and meta as objects, nulls kept for optional keys that
// are set only).
boost::json::object to_json(const EventEnvelope& e);

boost::json::object created_payload(const Distribution& d);
// The fields reported as updated (distribution_fields.hpp) whose JSON differs between before and
// after; nullopt when none does.
std::optional<boost::json::object> updated_payload(const Distribution& before,
                                                   const Distribution& after);
boost::json::object deleted_payload(const Distribution& d, double deleted_at,
                                    std::string_view deleted_by);
boost::json::object published_payload(const Distribution& d);
boost::json::object unpublished_payload(const Distribution& d, double unpublished_at,
                                        std::string_view reason);
// Counter events cover `count` counts (coalesced, analytics.md): the count is the total after
// the last of them, at the last one's time.
boost::json::object viewed_payload(std::string_view distribution_id, std::string_view slug,
                                   std::int64_t view_count, double viewed_at,
                                   const std::optional<std::string>& referrer_category,
                                   std::int64_t count);
boost::json::object enrollment_clicked_payload(std::string_view distribution_id,
                                               std::string_view slug, std::int64_t enrollment_count,
                                               double clicked_at,
                                               const std::optional<std::string>& cta_type,
                                               std::int64_t count);
boost::json::object micro_niche_created_payload(const Distribution& parent,
                                                const Distribution& child,
                                                const std::optional<std::string>& title_override);
boost::json::object version_bumped_payload(const Distribution& d, std::string_view old_version,
                                           double bumped_at,
                                           const std::optional<std::string>& changelog);

}  // namespace coursedist::domain
