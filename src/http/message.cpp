// Plain-data HTTP request/response helpers (no Beast here: see connection.cpp).
#include "http/message.hpp"

#include <algorithm>
#include <cctype>

namespace coursedist::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

std::optional<std::string_view> find_header(const Headers& headers, std::string_view name) {
    for (const auto& [key, value] : headers) {
        if (iequals(key, name)) return std::string_view{value};
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const {
    return find_header(headers, lower_case_name);
}

std::optional<std::string_view> Request::query_param(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return std::string_view{value};
    }
    return std::nullopt;
}

Response& Response::set(std::string name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (iequals(key, name)) {
            existing = std::move(value);
            return *this;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::optional<std::string_view> Response::header(std::string_view name) const {
    return find_header(headers, name);
}

Response deferred_response(std::function<void(FinishResponse)> start) {
    Response response;
    response.deferred = std::make_shared<DeferredResponse>(DeferredResponse{std::move(start)});
    return response;
}

Response json_response(int status, std::string body) {
    return text_response(status, std::move(body), "application/json; charset=utf-8");
}

Response text_response(int status, std::string body, std::string content_type) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.set("Content-Type", std::move(content_type));
    return response;
}

}  // namespace coursedist::http
