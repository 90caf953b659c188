// One connection: wait for a request (keep-alive idle timeout), read the header (header timeout,
// header limit), read the body (body timeout, body limit), call the handler, wait for a deferred
// response, compress it for a client that accepts gzip, write the response or stream its body,
// repeat. The only translation unit that
// includes Beast: its parser reads requests; responses are written as response_head() bytes.
#include "http/connection.hpp"

#include "http/compression.hpp"
#include "http/request_id.hpp"
#include "http/response_head.hpp"
#include "http/server_answers.hpp"
#include "http/target_decoding.hpp"

#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <optional>
#include <string>

namespace coursedist::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

// Limits that are not configuration (yet) but still have names.
constexpr std::chrono::seconds kWriteTimeout{30};  // a client that stops reading
constexpr std::chrono::seconds kLingerTimeout{2};  // draining input after an error reply
constexpr std::size_t kLingerMaxBytes = 8 * 1024 * 1024;
constexpr std::size_t kFirstReadSize = 4096;
constexpr std::size_t kReadSize = 16 * 1024;  // a request's further bytes, per read

using Clock = std::chrono::steady_clock;
using RequestParser = bhttp::request_parser<bhttp::string_body>;

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

std::string client_address_of(const tcp::socket& socket) {
    error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    return ec ? std::string() : remote.address().to_string();
}

// The parsed message as plain data (path and query still to be decoded).
Request request_of(bhttp::request<bhttp::string_body>& message, const std::string& client) {
    Request request;
    request.method = to_upper(message.method_string());
    request.target = std::string(message.target());
    request.headers.reserve(
        static_cast<std::size_t>(std::distance(message.begin(), message.end())));
    for (const auto& field : message) {
        request.headers.emplace_back(to_lower(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    request.client_address = client;
    request.request_id = request_id_for(request.header("x-request-id"));
    return request;
}

// What the server answers to a request its parser refused, or nullopt when there is nobody to
// answer (closed, reset or timed out).
std::optional<Response> refusal(error_code ec) {
    if (ec == bhttp::error::body_limit)
        return server_problem(413, "The request body is too large.");
    if (ec == bhttp::error::header_limit)
        return server_problem(431, "The request header is too large.");
    if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
        return server_problem(400, "The request is not valid HTTP/1.1.");
    return std::nullopt;
}

class Connection {
  public:
    Connection(tcp::socket socket, const ConnectionContext& context, ConnectionControl& control)
        : context_(context),
          control_(control),
          client_address_(client_address_of(socket)),
          stream_(std::move(socket)) {}

    asio::awaitable<void> serve() {
        bool first = true;
        while (!context_.stopping) {
            if (buffer_.size() == 0 && !co_await wait_for_request(first)) break;
            first = false;

            RequestParser parser;
            parser.header_limit(static_cast<std::uint32_t>(
                std::min<std::size_t>(context_.limits.header_limit, UINT32_MAX)));
            parser.body_limit(context_.limits.body_limit);
            const auto ec = co_await read_request(parser);
            const auto started = Clock::now();
            if (ec) {
                co_await reject(parser, ec, started);
                break;
            }
            if (!co_await answer(parser.get(), started)) break;
        }
        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

  private:
    // Idle: waits for the first byte of the next request; false when the connection ends
    // instead (closed, idle timeout, or stop()).
    asio::awaitable<bool> wait_for_request(bool first) {
        stream_.expires_after(first ? context_.limits.header_read_timeout
                                    : context_.limits.keep_alive_idle);
        control_.interrupt = [this] { stream_.cancel(); };
        auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kFirstReadSize), kTuple);
        control_.interrupt = nullptr;
        if (ec) co_return false;
        buffer_.commit(n);
        co_return true;
    }

    // Reads one request into `parser`: what is buffered is parsed here, and only what is missing
    // is read (the header within the header timeout, then the body within the body timeout).
    // Parsing in place instead of through Beast's composed read operations saves a request that
    // arrived whole the trips through the scheduler those take.
    asio::awaitable<error_code> read_request(RequestParser& parser) {
        parser.eager(true);
        const auto header_deadline = Clock::now() + context_.limits.header_read_timeout;
        std::optional<Clock::time_point> body_deadline;
        while (true) {
            if (buffer_.size() > 0) {
                error_code ec;
                const auto used = parser.put(buffer_.data(), ec);
                buffer_.consume(used);
                if (parser.is_done()) co_return error_code{};
                if (ec && ec != bhttp::error::need_more) co_return ec;
                if (used > 0) continue;  // parse the rest before reading more
            }
            if (parser.is_header_done() && !body_deadline)
                body_deadline = Clock::now() + context_.limits.body_read_timeout;
            stream_.expires_at(body_deadline ? *body_deadline : header_deadline);
            auto [read_ec, n] =
                co_await stream_.async_read_some(buffer_.prepare(kReadSize), kTuple);
            if (read_ec == asio::error::eof) {
                if (!parser.got_some()) co_return bhttp::error::end_of_stream;
                error_code ec;
                parser.put_eof(ec);
                if (ec || parser.is_done()) co_return ec;
                co_return bhttp::error::partial_message;
            }
            if (read_ec) co_return read_ec;
            buffer_.commit(n);
        }
    }

    // Handles one parsed request; false when the connection ends after it.
    asio::awaitable<bool> answer(bhttp::request<bhttp::string_body>& message,
                                 Clock::time_point started) {
        Request request = request_of(message, client_address_);
        Response response;
        if (auto decoded = decode_target(request.target); !decoded) {
            response = server_problem(400, "The request target is not acceptable.");
            response.close_connection = true;
        } else {
            request.path = std::move(decoded->path);
            request.query = std::move(decoded->query);
            try {
                response = context_.handler(request);
            } catch (...) {
                response = internal_error();
            }
            if (response.deferred)
                response = co_await await_deferred(*response.deferred, context_.lifeline);
            negotiate_encoding(request, response);
        }

        const HeadFacts facts{message.version(),
                              message.keep_alive() && !response.close_connection &&
                                  !response.stream && !context_.stopping,
                              request.method == "HEAD", request.request_id, current_http_date()};
        const bool ok = response.stream ? co_await write_stream(response, facts)
                                        : co_await write_response(response, facts);
        notify(request, response.status, started);
        co_return ok&& facts.keep_alive;
    }

    // The head and the body in one gather write; false when the write failed.
    asio::awaitable<bool> write_response(const Response& response, const HeadFacts& facts) {
        const auto head = response_head(response, facts);
        const std::array<asio::const_buffer, 2> buffers{
            asio::buffer(head), sends_body(response.status, facts.head_request)
                                    ? asio::buffer(response.body_bytes())
                                    : asio::const_buffer()};
        stream_.expires_after(kWriteTimeout);
        auto [ec, n] = co_await asio::async_write(stream_, buffers, kTuple);
        (void)n;
        co_return !ec;
    }

    // A chunked head, then every chunk the body produces until it ends (or the client leaves,
    // or the server stops); the connection closes afterwards.
    asio::awaitable<bool> write_stream(const Response& response, HeadFacts facts) {
        facts.keep_alive = false;
        const auto head = response_head(response, facts, Framing::Chunked);
        stream_.expires_after(kWriteTimeout);
        if (auto [ec, n] = co_await asio::async_write(stream_, asio::buffer(head), kTuple); ec)
            co_return false;
        if (facts.head_request) co_return false;

        ChunkSource source(response.stream, co_await asio::this_coro::executor, context_.lifeline);
        while (true) {
            control_.interrupt = [&source] { source.interrupt(); };
            auto chunk = co_await source.next(context_.stopping);
            control_.interrupt = nullptr;
            if (!chunk) break;
            if (chunk->empty()) continue;  // an empty chunk would end the body
            const auto size_line = chunk_header(chunk->size());
            const std::array<asio::const_buffer, 3> buffers{
                asio::buffer(size_line), asio::buffer(*chunk), asio::buffer(kChunkEnd)};
            stream_.expires_after(kWriteTimeout);
            if (auto [ec, n] = co_await asio::async_write(stream_, buffers, kTuple); ec)
                co_return false;
        }
        stream_.expires_after(kWriteTimeout);
        co_await asio::async_write(stream_, asio::buffer(kLastChunk), kTuple);
        co_return false;
    }

    // Answers a request the parser refused (when there is anybody to answer), then reads and
    // discards what the client is still sending, so that closing does not reset the connection
    // before the client has read the answer.
    asio::awaitable<void> reject(RequestParser& parser, error_code ec, Clock::time_point started) {
        auto response = refusal(ec);
        if (!response) co_return;

        // Whatever the parser got before the error (method, target, some fields) is kept.
        Request request;
        const auto& message = parser.get();
        request.method = to_upper(message.method_string());
        request.target = std::string(message.target());
        request.request_id = request_id_for(message["X-Request-ID"]);
        const HeadFacts facts{11, false, request.method == "HEAD", request.request_id,
                              current_http_date()};
        if (!co_await write_response(*response, facts)) co_return;
        notify(request, response->status, started);

        error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(kLingerTimeout);
        std::array<char, 16 * 1024> sink;
        std::size_t drained = 0;
        while (drained < kLingerMaxBytes) {
            auto [read_ec, n] = co_await stream_.async_read_some(asio::buffer(sink), kTuple);
            if (read_ec) break;
            drained += n;
        }
    }

    void notify(const Request& request, int status, Clock::time_point started) {
        if (!context_.observer) return;
        const std::chrono::duration<double> elapsed = Clock::now() - started;
        try {
            context_.observer(request, status, elapsed.count());
        } catch (...) {
            // An observer failure must not take the connection down.
        }
    }

    const ConnectionContext& context_;
    ConnectionControl& control_;
    std::string client_address_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
};

}  // namespace

asio::awaitable<void> serve_connection(tcp::socket socket, const ConnectionContext& context,
                                       ConnectionControl& control) {
    Connection connection(std::move(socket), context, control);
    co_await connection.serve();
}

}  // namespace coursedist::http
