#include "http/problem.hpp"

#include "http/response_head.hpp"

#include <boost/json.hpp>

namespace coursedist::http {

std::string_view status_title(int status) {
    const auto phrase = reason_phrase(status);  // the status line's words, from one table
    if (phrase != "Unknown") return phrase;
    return status < 500 ? "Client Error" : "Server Error";
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
