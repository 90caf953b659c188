#pragma once
// X-Request-ID: a client's id is echoed when it is safe to (1-128 characters of [A-Za-z0-9._-]),
// otherwise the server makes one up.

#include <optional>
#include <string>
#include <string_view>

namespace coursedist::http {

bool valid_request_id(std::string_view id);
// 32 random hex digits.
std::string generate_request_id();
// The incoming id when valid, a generated one otherwise.
std::string request_id_for(std::optional<std::string_view> incoming);

}  // namespace coursedist::http
