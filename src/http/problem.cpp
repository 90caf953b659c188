#include "http/problem.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

std::string_view status_title(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 412:
            return "Precondition Failed";
        case 413:
            return "Content Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return status < 500 ? "Client Error" : "Server Error";
    }
}

Response problem(int status, std::string_view detail, const domain::FieldErrors& errors) {
    boost::json::array items;
    for (const auto& e : errors) items.push_back({{"field", e.field}, {"message", e.message}});
    boost::json::object body{{"type", "about:blank"},
                             {"title", status_title(status)},
                             {"status", status},
                             {"detail", detail},
                             {"errors", std::move(items)}};
    Response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    r.set("Content-Type", "application/problem+json");
    return r;
}

}  // namespace coursedist::http
