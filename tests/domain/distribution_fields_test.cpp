#include "domain/distribution_fields.hpp"

#include "domain/json_codec.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>
#include <boost/pfr/tuple_size.hpp>

#include <set>
#include <string>

namespace coursedist::domain {
namespace {

// A model field added to Distribution without its line in the table fails here.
TEST(DistributionFields, OneEntryPerMemberOfDistribution) {
    EXPECT_EQ(distribution_fields().size(), boost::pfr::tuple_size_v<Distribution>);
}

TEST(DistributionFields, NamesAreUnique) {
    std::set<std::string_view> names;
    for (const auto& field : distribution_fields()) {
        EXPECT_TRUE(names.insert(field.name).second) << field.name;
    }
}

TEST(DistributionFields, AdminJsonIsTheTableInOrder) {
    Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.slug = "a-slug";
    d.title = "A title";
    d.target_group = {"a", "b"};
    d.visibility = Visibility::Unlisted;
    d.published_at = 1700000000.5;
    d.view_count = 3;
    d.created_at = 1.25;
    const auto json = to_json(d).as_object();
    ASSERT_EQ(json.size(), distribution_fields().size());
    auto member = json.begin();
    for (const auto& field : distribution_fields()) {
        EXPECT_EQ(member->key(), field.name);
        EXPECT_EQ(member->value(), field.to_json(d)) << field.name;
        ++member;
    }
    EXPECT_EQ(json.at("visibility"), "unlisted");
    EXPECT_EQ(json.at("published_at"), 1700000000.5);
    EXPECT_EQ(json.at("staging_url"), nullptr);
    EXPECT_EQ(json.at("target_group"), (boost::json::array{"a", "b"}));
    EXPECT_EQ(json.at("view_count"), 3);
}

}  // namespace
}  // namespace coursedist::domain
