// Fuzzes the consumer's decoding of BRAiN envelopes read from Redis (domain::from_stream_fields):
// anyone who can write to brain:events:stream controls these bytes. The input is the entry's
// fields, one per line as `key=value` (a line without '=' is a key with an empty value).
//
// Invariants: a decoded envelope has non-empty string id, type and source, an object payload, a
// string timestamp and a null or string target; written back to the wire format
// (to_stream_fields, as the relay does) it decodes to the same envelope.

#include "domain/wire_format.hpp"
#include "fuzz_check.hpp"

#include <boost/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace coursedist;

domain::StreamFields parse_fields(std::string_view input) {
    domain::StreamFields fields;
    while (!input.empty()) {
        const auto end = input.find('\n');
        const auto line = input.substr(0, end);
        const auto equals = line.find('=');
        if (equals == std::string_view::npos) {
            fields.emplace_back(std::string(line), std::string());
        } else {
            fields.emplace_back(std::string(line.substr(0, equals)),
                                std::string(line.substr(equals + 1)));
        }
        if (end == std::string_view::npos) break;
        input.remove_prefix(end + 1);
    }
    return fields;
}

bool non_empty_string(const boost::json::object& envelope, std::string_view key) {
    const auto* value = envelope.if_contains(key);
    return value != nullptr && value->is_string() && !value->get_string().empty();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto decoded = domain::from_stream_fields(parse_fields(input));
    for (const auto& error : decoded.errors) FUZZ_CHECK(!error.field.empty());
    if (!decoded.ok()) return 0;

    const auto& envelope = decoded.envelope;
    FUZZ_CHECK(non_empty_string(envelope, "id"));
    FUZZ_CHECK(non_empty_string(envelope, "type"));
    FUZZ_CHECK(non_empty_string(envelope, "source"));
    FUZZ_CHECK(envelope.at("payload").is_object());
    FUZZ_CHECK(envelope.at("timestamp").is_string());
    FUZZ_CHECK(envelope.at("target").is_null() || envelope.at("target").is_string());

    const auto again = domain::from_stream_fields(domain::to_stream_fields(envelope));
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.envelope == envelope);
    return 0;
}
