#pragma once
// A running coursedist on a fresh database, and shortcuts for talking JSON to it. The backend
// comes from the test parameter: "sqlite" (a file in a temp dir) or "postgres" (a fresh database
// on the test cluster, see databases.hpp).

#include "support/databases.hpp"
#include "support/http_client.hpp"
#include "support/service_process.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <memory>
#include <string>

namespace coursedist::testing {

class ApiTest : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override;
    void TearDown() override;

    // Extra serve arguments / environment for a suite; called before the service starts.
    virtual void configure(ServiceOptions&) {}

    HttpResponse admin(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       std::vector<std::pair<std::string, std::string>> headers = {});
    HttpResponse admin_json(const std::string& method, const std::string& target,
                            const boost::json::value& body,
                            std::vector<std::pair<std::string, std::string>> headers = {});
    HttpResponse get(const std::string& target,
                     std::vector<std::pair<std::string, std::string>> headers = {});

    // Creates a valid distribution (201 asserted) and returns its JSON.
    boost::json::object create_course(const std::string& title, boost::json::object extra = {});
    boost::json::object publish(const std::string& id);

    std::unique_ptr<TempDir> dir_;
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ServiceProcess> service_;
    std::unique_ptr<HttpClient> client_;
};

boost::json::value parse_json(const std::string& body);
boost::json::object parse_object(const std::string& body);
// The `field` names of a problem+json body's errors.
std::vector<std::string> error_fields(const HttpResponse& response);
std::string long_description(const std::string& topic);

}  // namespace coursedist::testing
