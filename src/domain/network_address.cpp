#include "domain/network_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdint>

namespace coursedist::domain {

namespace {

using V4 = std::array<std::uint8_t, 4>;
using V6 = std::array<std::uint8_t, 16>;

std::optional<std::string> v4_kind(const V4& a) {
    if (a[0] == 169 && a[1] == 254 && a[2] == 169 && a[3] == 254) return "cloud metadata";
    if (a[0] == 127) return "loopback";
    if (a[0] == 0) return "unspecified";
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168))
        return "private";
    if (a[0] == 100 && (a[1] & 0xc0) == 64) return "private";  // carrier-grade NAT, 100.64/10
    if (a[0] == 169 && a[1] == 254) return "link-local";
    if (a[0] >= 224) return "multicast or reserved";
    return std::nullopt;
}

bool starts_with_zeros(const V6& a, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i)
        if (a[i] != 0) return false;
    return true;
}

V4 embedded_v4(const V6& a) {
    return {a[12], a[13], a[14], a[15]};
}

std::optional<std::string> v6_kind(const V6& a) {
    static constexpr V6 kAwsMetadata{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0,    0,
                                     0,    0,    0,    0,    0, 0, 0x02, 0x54};
    if (a == kAwsMetadata) return "cloud metadata";
    if (starts_with_zeros(a, 15)) return a[15] == 1 ? "loopback" : "unspecified";
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible): the IPv4 address decides.
    if (starts_with_zeros(a, 10) && a[10] == 0xff && a[11] == 0xff) return v4_kind(embedded_v4(a));
    if (starts_with_zeros(a, 12)) return v4_kind(embedded_v4(a));
    // 64:ff9b::/96, the NAT64 well-known prefix, reaches the IPv4 address it carries.
    static constexpr std::array<std::uint8_t, 12> kNat64{0x00, 0x64, 0xff, 0x9b, 0, 0,
                                                         0,    0,    0,    0,    0, 0};
    if (std::equal(kNat64.begin(), kNat64.end(), a.begin())) return v4_kind(embedded_v4(a));
    if ((a[0] & 0xfe) == 0xfc) return "unique-local";
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return "link-local";
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return "site-local";
    if (a[0] == 0xff) return "multicast or reserved";
    return std::nullopt;
}

}  // namespace

bool is_ip_literal(std::string_view text) {
    const std::string s(text);
    V6 buffer{};
    return inet_pton(AF_INET, s.c_str(), buffer.data()) == 1 ||
           inet_pton(AF_INET6, s.c_str(), buffer.data()) == 1;
}

std::optional<std::string> internal_address_kind(std::string_view address) {
    const std::string s(address);
    V4 v4{};
    if (inet_pton(AF_INET, s.c_str(), v4.data()) == 1) return v4_kind(v4);
    V6 v6{};
    if (inet_pton(AF_INET6, s.c_str(), v6.data()) == 1) return v6_kind(v6);
    return std::nullopt;
}

}  // namespace coursedist::domain
