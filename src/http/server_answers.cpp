#include "http/server_answers.hpp"

#include "http/problem.hpp"

#include <string>

namespace coursedist::http {

Response server_problem(int status, std::string_view detail) {
    std::string body = R"({"type":"about:blank","title":")" + std::string(status_title(status)) +
                       R"(","status":)" + std::to_string(status);
    if (!detail.empty()) body += R"(,"detail":")" + std::string(detail) + '"';
    body += '}';
    return text_response(status, std::move(body), "application/problem+json");
}

Response internal_error() {
    return server_problem(500, "");
}

}  // namespace coursedist::http
