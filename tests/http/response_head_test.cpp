// The response head as bytes: status line, framing by status, method and version, the fields
// the server sets itself, and the handler fields it leaves out.
#include "http/response_head.hpp"

#include <gtest/gtest.h>

namespace coursedist::http {
namespace {

constexpr std::string_view kDate = "Tue, 01 Dec 2026 21:30:20 GMT";

HeadFacts facts(unsigned version = 11, bool keep_alive = true, bool head_request = false) {
    return HeadFacts{version, keep_alive, head_request, "req-1", kDate};
}

TEST(ResponseHead, WritesStatusLineServerFieldsRequestIdDateAndLength) {
    auto response = text_response(200, "hello", "text/plain");
    response.set("ETag", "\"abc\"");
    EXPECT_EQ(response_head(response, facts()),
              "HTTP/1.1 200 OK\r\n"
              "Server: coursedist\r\n"
              "Content-Type: text/plain\r\n"
              "ETag: \"abc\"\r\n"
              "X-Content-Type-Options: nosniff\r\n"
              "Referrer-Policy: strict-origin-when-cross-origin\r\n"
              "X-Request-ID: req-1\r\n"
              "Date: Tue, 01 Dec 2026 21:30:20 GMT\r\n"
              "Content-Length: 5\r\n"
              "\r\n");
}

TEST(ResponseHead, CountsASharedBodyInsteadOfTheOwnOne) {
    Response response;
    response.body = "ignored";
    response.shared_body = std::make_shared<const std::string>("shared bytes");
    EXPECT_EQ(response.body_bytes(), "shared bytes");
    EXPECT_NE(response_head(response, facts()).find("Content-Length: 12\r\n"), std::string::npos);
}

TEST(ResponseHead, SaysCloseOnlyWhenHttp11ClosesAndKeepAliveOnlyWhenHttp10Stays) {
    const auto response = text_response(404, "", "text/plain");
    const auto closing = response_head(response, facts(11, false));
    EXPECT_TRUE(closing.starts_with("HTTP/1.1 404 Not Found\r\n")) << closing;
    EXPECT_NE(closing.find("Connection: close\r\n"), std::string::npos) << closing;
    EXPECT_EQ(response_head(response, facts(11, true)).find("Connection"), std::string::npos);

    const auto old_staying = response_head(response, facts(10, true));
    EXPECT_TRUE(old_staying.starts_with("HTTP/1.0 404 Not Found\r\n")) << old_staying;
    EXPECT_NE(old_staying.find("Connection: keep-alive\r\n"), std::string::npos) << old_staying;
    EXPECT_EQ(response_head(response, facts(10, false)).find("Connection"), std::string::npos);
}

TEST(ResponseHead, FramesByStatusAndMethod) {
    auto ok = text_response(200, "twelve bytes", "text/plain");
    // HEAD: the length its GET would have, and no body after the head.
    EXPECT_NE(response_head(ok, facts(11, true, true)).find("Content-Length: 12\r\n"),
              std::string::npos);
    EXPECT_FALSE(sends_body(200, true));
    EXPECT_TRUE(sends_body(200, false));

    for (int status : {101, 204, 304}) {
        auto bodiless = text_response(status, "ignored", "text/plain");
        const auto head = response_head(bodiless, facts());
        EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
        EXPECT_FALSE(sends_body(status, false)) << status;
    }
    EXPECT_TRUE(response_head(text_response(304, "", "x"), facts())
                    .starts_with("HTTP/1.1 304 Not Modified\r\n"));
}

TEST(ResponseHead, ChunkedHeadCarriesTransferEncodingInsteadOfALength) {
    const auto head = response_head(text_response(200, "ignored", "text/event-stream"),
                                    facts(11, false), Framing::Chunked);
    EXPECT_NE(head.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << head;
    EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
    EXPECT_NE(head.find("Connection: close\r\n"), std::string::npos) << head;
    EXPECT_EQ(chunk_header(0x1a2b), "1a2b\r\n");
    EXPECT_EQ(kLastChunk, "0\r\n\r\n");
}

TEST(ResponseHead, LeavesOutFieldsThatCouldSplitTheResponseOrThatTheServerSets) {
    Response response;
    response.set("X-Split", "a\r\nSet-Cookie: stolen=1");
    response.set("X-Newline", "a\nb");
    response.set("X-Nul", std::string("a\0b", 3));
    response.set("Bad Name", "value");
    response.set("", "empty name");
    response.set("Content-Length", "999");
    response.set("transfer-encoding", "chunked");
    response.set("Connection", "keep-alive");
    response.set("X-Request-ID", "forged");
    response.set("Server", "other");
    response.set("Date", "yesterday");
    response.set("X-Fine", "kept");
    const auto head = response_head(response, facts());
    EXPECT_EQ(head,
              "HTTP/1.1 200 OK\r\n"
              "Server: coursedist\r\n"
              "X-Fine: kept\r\n"
              "X-Content-Type-Options: nosniff\r\n"
              "Referrer-Policy: strict-origin-when-cross-origin\r\n"
              "X-Request-ID: req-1\r\n"
              "Date: Tue, 01 Dec 2026 21:30:20 GMT\r\n"
              "Content-Length: 0\r\n"
              "\r\n");
    EXPECT_TRUE(sendable_header("X-Token_ok.~", "any value: with colons"));
    EXPECT_FALSE(sendable_header("x-request-id", "fine"));
}

TEST(ResponseHead, EveryResponseCarriesNosniffAndAReferrerPolicyThatAHandlerMayOverride) {
    for (int status : {200, 303, 404, 500}) {
        const auto head = response_head(text_response(status, "x", "text/plain"), facts());
        EXPECT_NE(head.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos) << head;
        EXPECT_NE(head.find("\r\nReferrer-Policy: strict-origin-when-cross-origin\r\n"),
                  std::string::npos)
            << head;
    }
    // The console's pages send their own, stricter policy: it replaces the default, once.
    auto own = text_response(200, "x", "text/html");
    own.set("Referrer-Policy", "same-origin");
    own.set("x-content-type-options", "nosniff");
    const auto head = response_head(own, facts());
    EXPECT_NE(head.find("\r\nReferrer-Policy: same-origin\r\n"), std::string::npos) << head;
    EXPECT_EQ(head.find("strict-origin-when-cross-origin"), std::string::npos) << head;
    EXPECT_EQ(head.find("X-Content-Type-Options"), std::string::npos) << head;  // lower-case own
    EXPECT_NE(head.find("x-content-type-options: nosniff"), std::string::npos) << head;
}

TEST(ResponseHead, NamesEveryStatusTheServiceAnswers) {
    EXPECT_EQ(reason_phrase(201), "Created");
    EXPECT_EQ(reason_phrase(412), "Precondition Failed");
    EXPECT_EQ(reason_phrase(422), "Unprocessable Entity");
    EXPECT_EQ(reason_phrase(431), "Request Header Fields Too Large");
    EXPECT_EQ(reason_phrase(503), "Service Unavailable");
    EXPECT_EQ(reason_phrase(299), "Unknown");
}

TEST(ResponseHead, DatesAreImfFixdates) {
    EXPECT_EQ(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
    EXPECT_EQ(http_date(1'796'160'620), "Tue, 01 Dec 2026 21:30:20 GMT");
    EXPECT_EQ(current_http_date().size(), kDate.size());
    EXPECT_TRUE(current_http_date().ends_with(" GMT"));
}

}  // namespace
}  // namespace coursedist::http
