#include "domain/webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace coursedist::domain {

namespace {
constexpr int kSecretBytes = 32;

const unsigned char* bytes_of(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}
}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        bytes_of(bytes), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        bytes_of(text), static_cast<int>(text.size()));
    if (written < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    std::size_t size = static_cast<std::size_t>(written);
    if (text.ends_with("=="))
        size -= 2;
    else if (text.ends_with('='))
        size -= 1;
    out.resize(size);
    return out;
}

std::string new_webhook_secret() {
    unsigned char random[kSecretBytes];
    if (RAND_bytes(random, kSecretBytes) != 1)
        throw std::runtime_error("no randomness for a webhook secret (RAND_bytes)");
    return std::string(kSecretPrefix) +
           base64_encode(std::string_view(reinterpret_cast<const char*>(random), kSecretBytes));
}

std::optional<std::string> secret_key(std::string_view secret) {
    if (!secret.starts_with(kSecretPrefix)) return std::nullopt;
    return base64_decode(secret.substr(kSecretPrefix.size()));
}

std::optional<std::string> sign(std::string_view secret, std::string_view message_id,
                                std::int64_t timestamp, std::string_view body) {
    const auto key = secret_key(secret);
    if (!key) return std::nullopt;
    std::string message;
    message.reserve(message_id.size() + body.size() + 24);
    message.append(message_id).append(".").append(std::to_string(timestamp)).append(".");
    message.append(body);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()), bytes_of(message),
              message.size(), mac, &length))
        throw std::runtime_error("HMAC-SHA256 failed");
    return "v1," + base64_encode(std::string_view(reinterpret_cast<const char*>(mac), length));
}

std::string signature_header(const Webhook& webhook, double now, std::string_view message_id,
                             std::int64_t timestamp, std::string_view body) {
    std::string header = sign(webhook.secret, message_id, timestamp, body).value_or("");
    if (webhook.previous_secret && webhook.previous_secret_until &&
        now < *webhook.previous_secret_until)
        if (auto previous = sign(*webhook.previous_secret, message_id, timestamp, body))
            header += (header.empty() ? "" : " ") + *previous;
    return header;
}

}  // namespace coursedist::domain
