// The API description's marks on the routes kept for BRAiN's callers.
#include "http/api.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace coursedist::http {
namespace {

namespace json = boost::json;

TEST(OpenApi, BrainRoutesAreDeprecatedAndNameTheirCounterpart) {
    const auto doc = json::parse(openapi_document("1.0.0", "http://127.0.0.1:8080")).as_object();
    const auto& paths = doc.at("paths").as_object();
    int deprecated = 0;
    for (const auto& [path, item] : paths) {
        for (const auto& [method, op] : item.as_object()) {
            SCOPED_TRACE(std::string(method) + " " + std::string(path));
            const auto& operation = op.as_object();
            const bool brain = std::string_view(path).starts_with("/api/courses/");
            EXPECT_EQ(operation.contains("deprecated"), brain);
            if (!brain) continue;
            ++deprecated;
            EXPECT_EQ(operation.at("deprecated"), true);
            const auto& successor = operation.at("x-replaced-by").as_object();
            const auto successor_path = std::string(successor.at("path").as_string());
            ASSERT_TRUE(paths.contains(successor_path));
            const auto& replacing = paths.at(successor_path).at(method).as_object();
            EXPECT_EQ(replacing.at("operationId"), successor.at("operationId"));
            EXPECT_FALSE(replacing.contains("deprecated"));
            EXPECT_NE(std::string(operation.at("description").as_string()).find(successor_path),
                      std::string::npos);
        }
    }
    EXPECT_EQ(deprecated, 11);
    for (const char* schema : {"BrainCreateDistribution", "BrainMicroNiche", "BrainCreated",
                               "BrainPublished", "BrainTracked", "BrainVersionBumped"})
        EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains(schema)) << schema;
}

}  // namespace
}  // namespace coursedist::http
