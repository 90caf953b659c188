#include "http/auth.hpp"

#include "domain/admin_session.hpp"
#include "http/problem.hpp"

namespace coursedist::http {

namespace {
// Constant time in the length of the presented value and the expected token.
bool equal_constant_time(std::string_view presented, std::string_view expected) {
    unsigned char difference = presented.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < presented.size(); ++i)
        difference |=
            static_cast<unsigned char>(presented[i]) ^
            static_cast<unsigned char>(expected.empty() ? 0 : expected[i % expected.size()]);
    return difference == 0;
}
}  // namespace

AdminAuth::AdminAuth(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
    for (const auto& token : tokens_) fingerprints_.push_back(domain::token_fingerprint(token));
}

bool AdminAuth::authorized(const Request& request) const {
    auto header = request.header("authorization");
    if (!header) return false;
    std::string_view value = *header;
    constexpr std::string_view kScheme = "Bearer ";
    if (value.size() <= kScheme.size()) return false;
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(value[i])) !=
            std::tolower(static_cast<unsigned char>(kScheme[i])))
            return false;
    value.remove_prefix(kScheme.size());
    bool match = false;
    for (const auto& token : tokens_) match |= equal_constant_time(value, token);
    return match;
}

std::optional<std::string> AdminAuth::fingerprint_of(std::string_view presented) const {
    std::optional<std::string> found;
    for (std::size_t i = 0; i < tokens_.size(); ++i)
        if (equal_constant_time(presented, tokens_[i]) && !presented.empty())
            found = fingerprints_[i];
    return found;
}

bool AdminAuth::has_fingerprint(std::string_view fingerprint) const {
    bool found = false;
    for (const auto& known : fingerprints_) found |= known == fingerprint;
    return found;
}

void AdminAuth::require(const Request& request) const {
    if (!authorized(request)) throw HttpError(401, "a valid admin bearer token is required");
}

}  // namespace coursedist::http
