#include "http/console_headers.hpp"

namespace coursedist::http {

bool is_console_path(std::string_view path) {
    return path == "/admin" || path.starts_with("/admin/");
}

void add_console_headers(Response& response) {
    response.set("Cache-Control", "no-store");
    response.set("Content-Security-Policy", std::string(kConsoleContentSecurityPolicy));
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "same-origin");
    response.set("X-Frame-Options", "DENY");
}

}  // namespace coursedist::http
