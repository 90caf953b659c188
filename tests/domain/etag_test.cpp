// Strong ETags: quoted, stable for the same bytes, different for different bytes; the admin
// ETag follows every field of the admin representation.

#include "domain/etag.hpp"

#include "sample_distribution.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace coursedist::domain {
namespace {

using testing::full_distribution;

TEST(StrongEtag, QuotedSixteenHexDigitsOfTheBytes) {
    const auto tag = strong_etag("hello");
    EXPECT_TRUE(std::regex_match(tag, std::regex("\"[0-9a-f]{16}\""))) << tag;
    EXPECT_EQ(strong_etag("hello"), tag);
    EXPECT_NE(strong_etag("hellp"), tag);
    EXPECT_NE(strong_etag(""), strong_etag(std::string_view("\0", 1)));
    EXPECT_EQ(strong_etag(""), "\"cbf29ce484222325\"");  // FNV-1a offset basis: no bytes hashed
}

TEST(AdminEtag, ChangesWithAnyFieldOfTheRepresentation) {
    const auto d = full_distribution();
    const auto tag = admin_etag(d);
    EXPECT_EQ(admin_etag(full_distribution()), tag);
    auto changed = d;
    changed.seo.keywords.push_back("neu");
    EXPECT_NE(admin_etag(changed), tag);
    changed = d;
    changed.view_count += 1;
    EXPECT_NE(admin_etag(changed), tag);
    changed = d;
    changed.updated_at += 0.001;
    EXPECT_NE(admin_etag(changed), tag);
}

}  // namespace
}  // namespace coursedist::domain
