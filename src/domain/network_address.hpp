#pragma once
// Which addresses a webhook may never reach (spec/webhooks.md): loopback, private (RFC 1918,
// carrier-grade NAT), link-local (the cloud metadata address 169.254.169.254 among them),
// unique-local IPv6 (fc00::/7, with AWS's metadata fd00:ec2::254), unspecified, multicast and
// broadcast, in their IPv4 and IPv6 spellings (IPv4-mapped ::ffff:a.b.c.d, the IPv4-compatible
// ::a.b.c.d and NAT64 64:ff9b::/96 are judged by the IPv4 address they carry). Plain functions on
// address text: the caller resolves names.

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::domain {

// Why an address is internal ("loopback", "private", "link-local", "cloud metadata", …), or
// nullopt for a public one. Text that is no IP address gives nullopt as well: see is_ip_literal.
std::optional<std::string> internal_address_kind(std::string_view address);

// An IPv4 or IPv6 address in text form (IPv6 without brackets).
bool is_ip_literal(std::string_view text);

}  // namespace coursedist::domain
