#include "events/webhook_client.hpp"

#include "domain/network_address.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include <openssl/ssl.h>

#include <stdexcept>

namespace coursedist::events {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

// An answer's body is read up to this much; only its first excerpt_bytes are kept.
constexpr std::size_t kBodyReadLimit = 64 * 1024;

struct Target {
    bool https = true;
    std::string host;  // without IPv6 brackets
    std::string port;
    std::string target;  // path and query
    std::string host_header;
};

std::optional<Target> parse_target(const std::string& url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) return std::nullopt;
    Target t;
    t.https = parsed->scheme_id() == boost::urls::scheme::https;
    if (!t.https && parsed->scheme_id() != boost::urls::scheme::http) return std::nullopt;
    switch (parsed->host_type()) {
        case boost::urls::host_type::ipv6:
            t.host = parsed->host_ipv6_address().to_string();
            break;
        case boost::urls::host_type::ipv4:
            t.host = parsed->host_ipv4_address().to_string();
            break;
        case boost::urls::host_type::name:
            t.host = std::string(parsed->encoded_host_name());
            break;
        default:
            return std::nullopt;
    }
    t.port = parsed->has_port() ? std::string(parsed->port()) : (t.https ? "443" : "80");
    t.target = std::string(parsed->encoded_target());
    if (t.target.empty() || t.target.front() != '/') t.target = "/" + t.target;
    t.host_header = std::string(parsed->encoded_host_and_port());
    return t;
}

// Thrown inside the exchange for a failure that is not an Asio error.
class Refused : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct Answer {
    int status = 0;
    std::string body;
};

template <typename Stream>
asio::awaitable<Answer> exchange(Stream& stream, const Target& target,
                                 const service::OutgoingWebhook& request) {
    http::request<http::string_body> req{http::verb::post, target.target, 11};
    req.set(http::field::host, target.host_header);
    for (const auto& [name, value] : request.headers) req.set(name, value);
    req.set(http::field::connection, "close");
    req.body() = request.body;
    req.prepare_payload();
    co_await http::async_write(stream, req, asio::use_awaitable);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kBodyReadLimit);
    beast::error_code ec;
    co_await http::async_read(stream, buffer, parser,
                              asio::redirect_error(asio::use_awaitable, ec));
    // A long answer is cut: its status counts, the first bytes are what the log keeps.
    if (ec && !(ec == http::error::body_limit && parser.is_header_done()))
        throw beast::system_error(ec);
    Answer answer;
    answer.status = static_cast<int>(parser.get().result_int());
    answer.body = std::move(parser.get().body());
    co_return answer;
}

}  // namespace

struct WebhookClient::Tls {
    asio::ssl::context context{asio::ssl::context::tls_client};
    Tls() {
        context.set_default_verify_paths();
        context.set_verify_mode(asio::ssl::verify_peer);
        context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                            asio::ssl::context::no_sslv3);
    }
};

WebhookClient::WebhookClient(WebhookClientOptions options)
    : options_(std::move(options)), tls_(std::make_unique<Tls>()) {}

WebhookClient::~WebhookClient() = default;

namespace {

// The addresses of the resolved endpoints, each checked unless private targets are allowed.
void check_endpoints(const tcp::resolver::results_type& endpoints, const std::string& host,
                     bool allow_private) {
    if (endpoints.empty()) throw Refused(host + " does not resolve");
    if (allow_private) return;
    for (const auto& entry : endpoints) {
        const auto address = entry.endpoint().address().to_string();
        if (auto kind = domain::internal_address_kind(address))
            throw Refused("refused: " + host + " resolves to a " + *kind + " address (" + address +
                          "); no connection made");
    }
}

asio::awaitable<Answer> deliver(const Target& target, const service::OutgoingWebhook& request,
                                asio::ssl::context& tls, std::chrono::milliseconds timeout,
                                bool allow_private) {
    auto executor = co_await asio::this_coro::executor;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    tcp::resolver resolver(executor);
    const auto endpoints =
        co_await resolver.async_resolve(target.host, target.port, asio::use_awaitable);
    check_endpoints(endpoints, target.host, allow_private);

    beast::tcp_stream tcp_stream(executor);
    tcp_stream.expires_at(deadline);
    co_await tcp_stream.async_connect(endpoints, asio::use_awaitable);
    if (!target.https) co_return co_await exchange(tcp_stream, target, request);

    beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp_stream), tls);
    if (!domain::is_ip_literal(target.host) &&
        !SSL_set_tlsext_host_name(stream.native_handle(), target.host.c_str()))
        throw Refused("TLS: cannot set the server name");
    stream.set_verify_callback(asio::ssl::host_name_verification(target.host));
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_return co_await exchange(stream, target, request);
}

std::string describe(const boost::system::system_error& e) {
    const auto& code = e.code();
    if (code == beast::error::timeout || code == asio::error::operation_aborted)
        return "timeout: no answer within the time limit";
    if (code.category() == asio::error::get_ssl_category()) {
        return "TLS: " + code.message();
    }
    return code.message();
}

}  // namespace

service::WebhookOutcome WebhookClient::send(const service::OutgoingWebhook& request) {
    const auto started = std::chrono::steady_clock::now();
    service::WebhookOutcome outcome;
    const auto finish = [&] {
        outcome.duration = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        return outcome;
    };
    const auto target = parse_target(request.url);
    if (!target) {
        outcome.error = "not an http(s) URL";
        return finish();
    }
    if (!target->https && !options_.allow_private) {
        outcome.error = "refused: not https";
        return finish();
    }
    try {
        asio::io_context io;
        auto future = asio::co_spawn(
            io, deliver(*target, request, tls_->context, options_.timeout, options_.allow_private),
            asio::use_future);
        io.run();
        auto answer = future.get();
        outcome.status = answer.status;
        if (answer.body.size() > options_.excerpt_bytes) answer.body.resize(options_.excerpt_bytes);
        outcome.excerpt = std::move(answer.body);
    } catch (const Refused& e) {
        outcome.error = e.what();
    } catch (const boost::system::system_error& e) {
        outcome.error = describe(e);
    } catch (const std::exception& e) {
        outcome.error = e.what();
    }
    return finish();
}

std::vector<std::string> resolve_host(const std::string& host) {
    asio::io_context io;
    tcp::resolver resolver(io);
    boost::system::error_code ec;
    const auto results = resolver.resolve(host, "443", ec);
    std::vector<std::string> addresses;
    if (ec) return addresses;
    for (const auto& entry : results) addresses.push_back(entry.endpoint().address().to_string());
    return addresses;
}

}  // namespace coursedist::events
