#include "web/content_policy.hpp"

#include "domain/webhook_signature.hpp"

#include <openssl/sha.h>

#include <array>

namespace coursedist::web {

std::string csp_hash_source(std::string_view text) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest.data());
    const std::string_view bytes(reinterpret_cast<const char*>(digest.data()), digest.size());
    return "'sha256-" + domain::base64_encode(bytes) + "'";
}

std::string public_page_policy(const std::vector<std::string>& inline_styles) {
    std::string styles;
    for (const auto& css : inline_styles) styles += " " + csp_hash_source(css);
    if (styles.empty()) styles = " 'none'";
    // connect-src 'self': tools that fetch from the page's context (Lighthouse reads
    // /robots.txt so) are held to the policy too; the pages themselves run no script.
    return "default-src 'none'; style-src" + styles +
           "; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
           "frame-ancestors 'none'";
}

}  // namespace coursedist::web
