// Blocking HTTP/1.1 test client over POSIX sockets.
#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace coursedist::testing {

namespace {

constexpr int kReceiveTimeoutSeconds = 30;

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return std::string(s);
}

std::runtime_error socket_error(const std::string& what) {
    return std::runtime_error("http client: " + what + ": " + std::strerror(errno));
}

// Thrown when the server closed a kept-alive connection before answering: worth one retry.
struct ConnectionClosed : std::runtime_error {
    ConnectionClosed() : std::runtime_error("http client: connection closed by server") {}
};

// Reads from a socket into a buffer; the buffer keeps what has not been consumed yet.
class Reader {
  public:
    explicit Reader(int fd) : fd_(fd) {}

    // False on orderly close.
    bool fill() {
        char chunk[16 * 1024];
        while (true) {
            const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n > 0) {
                data_.append(chunk, static_cast<std::size_t>(n));
                return true;
            }
            if (n == 0) return false;
            if (errno == EINTR) continue;
            if (errno == ECONNRESET) return false;
            throw socket_error("recv");
        }
    }

    std::string line() {
        while (true) {
            const auto pos = data_.find("\r\n", offset_);
            if (pos != std::string::npos) {
                std::string out = data_.substr(offset_, pos - offset_);
                offset_ = pos + 2;
                return out;
            }
            if (!fill()) {
                if (consumed_nothing()) throw ConnectionClosed();
                throw std::runtime_error("http client: connection closed inside a response head");
            }
        }
    }

    std::string take(std::size_t n) {
        while (data_.size() - offset_ < n) {
            if (!fill()) throw std::runtime_error("http client: connection closed inside a body");
        }
        std::string out = data_.substr(offset_, n);
        offset_ += n;
        return out;
    }

    std::string rest_until_close() {
        while (fill()) {
        }
        std::string out = data_.substr(offset_);
        offset_ = data_.size();
        return out;
    }

    bool consumed_nothing() const { return offset_ == 0 && data_.empty(); }

  private:
    int fd_;
    std::string data_;
    std::size_t offset_ = 0;
};

void send_all(int fd, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE || errno == ECONNRESET) throw ConnectionClosed();
            throw socket_error("send");
        }
        sent += static_cast<std::size_t>(n);
    }
}

HttpResponse read_response(Reader& reader, bool head_request, bool& server_closes) {
    HttpResponse response;
    const std::string status_line = reader.line();  // ConnectionClosed when nothing came
    // "HTTP/1.1 200 OK"
    const auto space = status_line.find(' ');
    if (status_line.rfind("HTTP/", 0) != 0 || space == std::string::npos) {
        throw std::runtime_error("http client: bad status line: " + status_line);
    }
    response.status = std::atoi(status_line.c_str() + space + 1);
    const bool http10 = status_line.rfind("HTTP/1.0", 0) == 0;

    while (true) {
        const auto line = reader.line();
        if (line.empty()) break;
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        response.headers.emplace_back(lower(line.substr(0, colon)),
                                      trim(std::string_view(line).substr(colon + 1)));
    }

    const auto connection = lower(response.header("connection").value_or(""));
    server_closes = connection.find("close") != std::string::npos ||
                    (http10 && connection.find("keep-alive") == std::string::npos);

    const auto transfer = lower(response.header("transfer-encoding").value_or(""));
    const auto length = response.header("content-length");
    const bool no_body = head_request || response.status / 100 == 1 || response.status == 204 ||
                         response.status == 304;
    if (no_body) return response;
    if (transfer.find("chunked") != std::string::npos) {
        while (true) {
            const auto size_line = reader.line();
            const auto size = std::stoul(size_line, nullptr, 16);
            if (size == 0) {
                while (!reader.line().empty()) {  // trailers
                }
                break;
            }
            response.body += reader.take(size);
            reader.line();  // CRLF after the chunk
        }
    } else if (length) {
        response.body = reader.take(std::stoul(*length));
    } else {
        response.body = reader.rest_until_close();
        server_closes = true;
    }
    return response;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view lower_case_name) const {
    for (const auto& [name, value] : headers) {
        if (name == lower_case_name) return value;
    }
    return std::nullopt;
}

HttpClient::HttpClient(std::uint16_t port) : port_(port) {}

HttpClient::~HttpClient() {
    if (fd_ >= 0) ::close(fd_);
}

void HttpClient::connect() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw socket_error("socket");
    timeval timeout{kReceiveTimeoutSeconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const auto error = socket_error("connect to 127.0.0.1:" + std::to_string(port_));
        ::close(fd_);
        fd_ = -1;
        throw error;
    }
}

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::string& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
    std::string bytes = method + " " + target + " HTTP/1.1\r\n";
    bool has_host = false;
    bool has_length = false;
    bool has_agent = false;
    for (const auto& [name, value] : headers) {
        const auto key = lower(name);
        has_host = has_host || key == "host";
        has_agent = has_agent || key == "user-agent";
        has_length = has_length || key == "content-length" || key == "transfer-encoding";
        bytes += name + ": " + value + "\r\n";
    }
    if (!has_host) bytes += "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
    // Like a browser, so that page views count (spec/analytics.md, "Counting rules").
    if (!has_agent) bytes += "User-Agent: " + std::string(kBrowserUserAgent) + "\r\n";
    if (!has_length &&
        (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
        bytes += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    bytes += "\r\n";
    bytes += body;

    // A fresh connection is tried once more if a kept-alive one turns out to be closed.
    for (int attempt = 0;; ++attempt) {
        const bool reused = fd_ >= 0;
        if (!reused) connect();
        try {
            send_all(fd_, bytes);
            Reader reader(fd_);
            bool server_closes = false;
            auto response = read_response(reader, method == "HEAD", server_closes);
            if (server_closes) {
                ::close(fd_);
                fd_ = -1;
            }
            return response;
        } catch (const ConnectionClosed&) {
            ::close(fd_);
            fd_ = -1;
            if (!reused || attempt > 0) throw;
        } catch (...) {
            ::close(fd_);
            fd_ = -1;
            throw;
        }
    }
}

HttpResponse HttpClient::get(const std::string& target,
                             std::vector<std::pair<std::string, std::string>> headers) {
    return request("GET", target, {}, std::move(headers));
}

std::string HttpClient::raw(const std::string& bytes, int timeout_ms) {
    if (fd_ < 0) connect();
    try {
        send_all(fd_, bytes);
    } catch (const ConnectionClosed&) {
        // The server may answer and close before everything was sent: read what it said.
    }
    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) break;
        pollfd pfd{fd_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) break;
        char chunk[16 * 1024];
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        received.append(chunk, static_cast<std::size_t>(n));
    }
    ::close(fd_);
    fd_ = -1;
    return received;
}

}  // namespace coursedist::testing
