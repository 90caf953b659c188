#include "support/webhook_receiver.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace coursedist::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

// A P-256 key and a certificate for 127.0.0.1 signed by itself, valid for a day.
void use_self_signed_certificate(asio::ssl::context& context) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    X509* cert = X509_new();
    if (!key || !cert) throw std::runtime_error("cannot make a test certificate");
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 86400);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509_sign(cert, key, EVP_sha256());
    SSL_CTX_use_certificate(context.native_handle(), cert);
    SSL_CTX_use_PrivateKey(context.native_handle(), key);
    X509_free(cert);
    EVP_PKEY_free(key);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

template <typename Stream>
std::optional<ReceivedWebhook> read_request(Stream& stream, beast::flat_buffer& buffer) {
    http::request<http::string_body> request;
    beast::error_code ec;
    http::read(stream, buffer, request, ec);
    if (ec) return std::nullopt;
    ReceivedWebhook received;
    received.target = std::string(request.target());
    for (const auto& field : request)
        received.headers[lower(std::string(field.name_string()))] = std::string(field.value());
    received.body = std::move(request.body());
    return received;
}

template <typename Stream>
void answer(Stream& stream, int status) {
    http::response<http::string_body> response{static_cast<http::status>(status), 11};
    response.set(http::field::content_type, "text/plain");
    response.body() = status < 300 ? "thanks" : "try again later";
    response.keep_alive(false);
    response.prepare_payload();
    beast::error_code ec;
    http::write(stream, response, ec);
}

}  // namespace

struct WebhookReceiver::Server {
    int listen_fd = -1;
    asio::io_context io;
    asio::ssl::context tls{asio::ssl::context::tls_server};
};

WebhookReceiver::WebhookReceiver(Mode mode) : mode_(mode), server_(std::make_unique<Server>()) {
    if (mode_ == Mode::SelfSignedTls) use_self_signed_certificate(server_->tls);
    server_->listen_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (::bind(server_->listen_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(server_->listen_fd, 64) != 0 ||
        ::getsockname(server_->listen_fd, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        throw std::runtime_error("webhook receiver: cannot listen on 127.0.0.1");
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
}

WebhookReceiver::~WebhookReceiver() {
    stopping_ = true;
    thread_.join();
    ::close(server_->listen_fd);
}

std::string WebhookReceiver::url(const std::string& path) const {
    return std::string(mode_ == Mode::Http ? "http" : "https") +
           "://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::answer_with(std::function<int(const ReceivedWebhook&, std::size_t)> choose) {
    std::lock_guard lock(mutex_);
    choose_ = std::move(choose);
}

std::vector<ReceivedWebhook> WebhookReceiver::received() const {
    std::lock_guard lock(mutex_);
    return received_;
}

// One connection at a time: the dispatcher sends one request per connection, in order.
void WebhookReceiver::serve() {
    while (!stopping_) {
        pollfd ready{server_->listen_fd, POLLIN, 0};
        if (::poll(&ready, 1, 50) <= 0) continue;
        const int fd = ::accept(server_->listen_fd, nullptr, nullptr);
        if (fd < 0) continue;
        ++connections_;
        handle(fd);
    }
}

void WebhookReceiver::handle(int fd) {
    timeval timeout{5, 0};  // a silent client does not hold the receiver for long
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    asio::ip::tcp::socket socket(server_->io);
    socket.assign(asio::ip::tcp::v4(), fd);
    beast::flat_buffer buffer;
    const auto serve_one = [&](auto& stream) {
        auto request = read_request(stream, buffer);
        if (!request) return;
        int status = 200;
        {
            std::lock_guard lock(mutex_);
            if (choose_) status = choose_(*request, received_.size());
            request->answered = status;
            received_.push_back(*request);
        }
        answer(stream, status);
    };
    if (mode_ == Mode::Http) {
        serve_one(socket);
        beast::error_code ec;
        socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
        return;
    }
    beast::ssl_stream<asio::ip::tcp::socket&> stream(socket, server_->tls);
    beast::error_code ec;
    stream.handshake(asio::ssl::stream_base::server, ec);
    if (!ec) serve_one(stream);
}

}  // namespace coursedist::testing
