#include "domain/admin_session.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cmath>
#include <stdexcept>

namespace coursedist::domain {

namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += kDigits[bytes[i] >> 4];
        out += kDigits[bytes[i] & 0xf];
    }
    return out;
}

constexpr std::size_t kMaxClients = 100'000;  // throttle windows kept at most

}  // namespace

bool session_expired(const AdminSession& session, double now, const SessionLimits& limits) {
    return now - session.last_seen_at >= limits.idle_seconds ||
           now - session.created_at >= limits.max_seconds;
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    return hex(digest, length);
}

std::string new_session_value() {
    unsigned char random[32];
    if (RAND_bytes(random, sizeof random) != 1)
        throw std::runtime_error("no randomness for a session (RAND_bytes)");
    return hex(random, sizeof random);
}

std::string token_fingerprint(std::string_view token) {
    return sha256_hex(std::string("coursedist-admin-token:").append(token));
}

std::string csrf_token(std::string_view session_value) {
    return sha256_hex(std::string("coursedist-csrf:").append(session_value));
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool is_local_path(std::string_view next) {
    if (!next.starts_with('/') || next.starts_with("//") || next.starts_with("/\\")) return false;
    for (char c : next)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    return true;
}

std::optional<int> SignInThrottle::blocked_for(const std::string& client, double now) {
    std::lock_guard lock(mutex_);
    auto it = windows_.find(client);
    if (it == windows_.end()) return std::nullopt;
    const double ends = it->second.started_at + window_seconds_;
    if (now >= ends) {
        windows_.erase(it);
        return std::nullopt;
    }
    if (it->second.failures < max_failures_) return std::nullopt;
    return std::max(1, static_cast<int>(std::ceil(ends - now)));
}

void SignInThrottle::failed(const std::string& client, double now) {
    std::lock_guard lock(mutex_);
    if (windows_.size() >= kMaxClients) {
        std::erase_if(windows_, [&](const auto& entry) {
            return now >= entry.second.started_at + window_seconds_;
        });
        if (windows_.size() >= kMaxClients) windows_.clear();
    }
    auto& window = windows_[client];
    if (window.failures == 0 || now >= window.started_at + window_seconds_) window = Window{now, 0};
    ++window.failures;
}

}  // namespace coursedist::domain
