#pragma once
// Webhook secrets and signatures, the Standard Webhooks way (spec/webhooks.md, "Delivery"): a
// secret is `whsec_` + base64 of 32 random bytes; a signature is `v1,` + base64 of
// HMAC-SHA256(key, id + "." + timestamp + "." + body), the key being the bytes the base64 after
// `whsec_` decodes to; during a rotation the header carries several, space-separated.

#include "domain/webhook.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace coursedist::domain {

inline constexpr std::string_view kSecretPrefix = "whsec_";
// How long the secret before a rotation is still signed with.
inline constexpr double kPreviousSecretSeconds = 24 * 3600;

// A fresh secret from OpenSSL's RAND_bytes; throws std::runtime_error if it has no randomness.
std::string new_webhook_secret();
// The key bytes of a secret; nullopt when it is not `whsec_` + base64.
std::optional<std::string> secret_key(std::string_view secret);

std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

// `v1,<base64>` for one secret; nullopt for a malformed secret.
std::optional<std::string> sign(std::string_view secret, std::string_view message_id,
                                std::int64_t timestamp, std::string_view body);
// The webhook-signature header at `now`: the current secret's signature, then the previous
// one's while it is still valid.
std::string signature_header(const Webhook& webhook, double now, std::string_view message_id,
                             std::int64_t timestamp, std::string_view body);

}  // namespace coursedist::domain
