#pragma once
// A small blocking HTTP/1.1 client over POSIX sockets for black-box tests (keep-alive, one
// connection per client object, 127.0.0.1 only).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace coursedist::testing {

struct HttpResponse {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
    std::string body;
    std::optional<std::string> header(std::string_view lower_case_name) const;
};

// The User-Agent request() sends unless the caller gives one: a browser's, so that the page views
// and clicks of a test count.
inline constexpr std::string_view kBrowserUserAgent =
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends one request and reads the whole response (Content-Length or chunked); reconnects when
    // the server closed the connection. Throws std::runtime_error on socket errors.
    HttpResponse request(const std::string& method, const std::string& target,
                         const std::string& body = {},
                         std::vector<std::pair<std::string, std::string>> headers = {});
    HttpResponse get(const std::string& target,
                     std::vector<std::pair<std::string, std::string>> headers = {});
    // Sends raw bytes and reads whatever comes back until the server closes or timeout_ms passes.
    std::string raw(const std::string& bytes, int timeout_ms = 5000);

  private:
    void connect();
    std::uint16_t port_;
    int fd_ = -1;
};

}  // namespace coursedist::testing
