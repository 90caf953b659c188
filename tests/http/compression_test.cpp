// gzip content coding (issue 14): parts compressed on their own make one gzip body whatever the
// cut; which requests get gzip; which answers are compressed, and what negotiation changes.
#include "http/compression.hpp"

#include "support/gzip.hpp"

#include <gtest/gtest.h>

#include <random>

namespace coursedist::http {
namespace {

using coursedist::testing::gunzip;

// Page-like text: repetitive markup with varying words, so that deflate finds matches across
// every cut (and would produce garbage if a part referred to another's bytes).
std::string page_like(std::mt19937& random, std::size_t size) {
    static const std::vector<std::string> words{"<li class=\"module\">",
                                                "Kapitel",
                                                "</li>\n",
                                                "Geld sparen",
                                                " & ",
                                                "Zinsen",
                                                "<p>",
                                                "ü€",
                                                "</p>",
                                                "\x01",
                                                "0123456789"};
    std::string out;
    while (out.size() < size) out += words[random() % words.size()];
    out.resize(size);
    return out;
}

Request asking(std::string accept_encoding) {
    Request request;
    request.headers.emplace_back("accept-encoding", std::move(accept_encoding));
    return request;
}

TEST(Compression, GzipOfABodyDecodesToIt) {
    for (const auto& plain : {std::string(), std::string("x"), std::string(100000, 'a')}) {
        const auto compressed = gzip(plain);
        EXPECT_EQ(gunzip(compressed), plain);
        EXPECT_EQ(compressed.substr(0, 3), "\x1f\x8b\x08");
    }
}

TEST(Compression, PartsCompressedApartDecodeAsTheWholeForAnyCut) {
    std::mt19937 random(14);  // fixed seed: the same cuts every run
    for (int round = 0; round < 300; ++round) {
        const auto plain = page_like(random, 1 + random() % 40000);
        // Two cuts, as the landing page has (before the counters, the counters, after them); a
        // cut may leave a part empty.
        std::size_t a = random() % (plain.size() + 1);
        std::size_t b = random() % (plain.size() + 1);
        if (a > b) std::swap(a, b);
        const auto before = deflate_part(std::string_view(plain).substr(0, a), PartEnd::Flush);
        const auto middle = deflate_part(std::string_view(plain).substr(a, b - a), PartEnd::Flush);
        const auto after = deflate_part(std::string_view(plain).substr(b), PartEnd::Final);
        const auto member = gzip_member({&before, &middle, &after});
        ASSERT_EQ(gunzip(member), plain) << "round " << round << " cut at " << a << ", " << b;
    }
}

TEST(Compression, ATrailerOverTheWrongPartsIsRefusedByTheDecoder) {
    // The test's decoder checks CRC-32 and length: swapping two parts must not pass as right.
    const auto one = deflate_part("first part, ", PartEnd::Flush);
    const auto two = deflate_part("second part", PartEnd::Flush);
    const auto end = deflate_part("", PartEnd::Final);
    EXPECT_EQ(gunzip(gzip_member({&one, &two, &end})), "first part, second part");
    auto corrupt = gzip_member({&one, &two, &end});
    corrupt[corrupt.size() - 6] ^= 1;  // a bit of the CRC-32
    EXPECT_EQ(gunzip(corrupt), std::nullopt);
}

TEST(Compression, AcceptsGzipWhenTheClientListsItOrAnyCodingWithAQualityAboveZero) {
    EXPECT_FALSE(accepts_gzip(Request{}));
    for (auto yes : {"gzip", "gzip, deflate, br", "br;q=1.0, GZIP;q=0.5", "x-gzip", "*",
                     "deflate, *;q=0.1", " gzip ; q=1"})
        EXPECT_TRUE(accepts_gzip(asking(yes))) << yes;
    for (auto no :
         {"", "identity", "br", "gzip;q=0", "gzip;q=0.000, br", "*;q=0", "gzip;q=0, *", "deflate"})
        EXPECT_FALSE(accepts_gzip(asking(no))) << no;
}

TEST(Compression, NegotiationCompressesLargeTextForClientsThatAcceptIt) {
    const std::string html = std::string(5000, 'h');
    auto page = text_response(200, html, "text/html; charset=utf-8");
    page.set("ETag", "\"abc\"");
    page.set("Vary", "Accept-Language");
    negotiate_encoding(asking("gzip, br"), page);
    EXPECT_EQ(page.header("content-encoding"), "gzip");
    EXPECT_EQ(page.header("vary"), "Accept-Language, Accept-Encoding");
    EXPECT_EQ(page.header("etag"), "W/\"abc\"");  // other bytes than the plain representation
    EXPECT_LT(page.body.size(), 200u);
    EXPECT_EQ(gunzip(page.body), html);

    // A shared (cached) body is compressed into the response's own.
    auto shared = json_response(200, {});
    shared.shared_body = std::make_shared<const std::string>(std::string(3000, '['));
    negotiate_encoding(asking("gzip"), shared);
    EXPECT_EQ(shared.shared_body, nullptr);
    EXPECT_EQ(gunzip(shared.body_bytes()), std::string(3000, '['));

    // Without gzip in Accept-Encoding: the same bytes, but still the Vary field.
    auto plain = text_response(200, html, "application/xml; charset=utf-8");
    negotiate_encoding(asking("br"), plain);
    EXPECT_EQ(plain.body, html);
    EXPECT_EQ(plain.header("content-encoding"), std::nullopt);
    EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
}

TEST(Compression, NegotiationLeavesSmallUnknownStreamedAndEncodedBodiesAlone) {
    const auto request = asking("gzip");
    auto small = json_response(200, std::string(kMinCompressedSize - 1, '1'));
    negotiate_encoding(request, small);
    EXPECT_EQ(small.header("content-encoding"), std::nullopt);
    EXPECT_EQ(small.header("vary"), std::nullopt);  // the same answer for every client

    auto image = text_response(200, std::string(5000, 'p'), "image/png");
    negotiate_encoding(request, image);
    EXPECT_EQ(image.header("content-encoding"), std::nullopt);

    auto events = text_response(200, std::string(5000, 'e'), "text/event-stream");
    negotiate_encoding(request, events);
    EXPECT_EQ(events.header("content-encoding"), std::nullopt);

    auto not_modified = text_response(304, std::string(5000, 'e'), "text/html");
    negotiate_encoding(request, not_modified);
    EXPECT_EQ(not_modified.header("content-encoding"), std::nullopt);

    auto encoded = text_response(200, gzip(std::string(5000, 'z')), "text/html");
    encoded.set("Content-Encoding", "gzip");
    const auto before = encoded.body;
    negotiate_encoding(request, encoded);
    EXPECT_EQ(encoded.body, before);  // not compressed twice

    auto problem = text_response(404, std::string(2000, 'n'), "application/problem+json");
    negotiate_encoding(request, problem);
    EXPECT_EQ(problem.header("content-encoding"), "gzip");
}

TEST(Compression, VaryListsANameOnce) {
    Response r;
    add_vary(r, "Accept-Encoding");
    add_vary(r, "accept-encoding");
    EXPECT_EQ(r.header("vary"), "Accept-Encoding");
}

}  // namespace
}  // namespace coursedist::http
