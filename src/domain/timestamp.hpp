#pragma once
// Reading ISO-8601 timestamps of incoming events. BRAiN writes Python's naive `isoformat()`
// (no offset), which SPEC section 4 defines as UTC.

#include <optional>
#include <string_view>

namespace coursedist::domain {

// `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM|±HHMM]` (a space instead of `T` is accepted, as
// Python's `str(datetime)` writes it) → Unix seconds; no offset means UTC. nullopt when the
// text is not such a timestamp or names an impossible date or time.
std::optional<double> parse_iso8601(std::string_view text);

}  // namespace coursedist::domain
