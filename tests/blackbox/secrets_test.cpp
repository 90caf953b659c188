// Black-box: admin tokens stay secret (issue 7). Neither a right nor a wrong token ever shows up
// in a response body or in the service's output (debug logging included); tokens can come from
// a file (COURSEDIST_ADMIN_TOKENS_FILE). The refusal of tokens on the command line is tested in
// api_ops_test.cpp.

#include "support/api_fixture.hpp"

#include <gmock/gmock.h>

#include <fstream>

namespace coursedist::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kRightToken = "right-token-7f3a9c1e5b2d4f60";
constexpr const char* kWrongToken = "wrong-token-0d9e8c7b6a5f4e3d";

class SecretsTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        options.admin_token = kRightToken;
        options.extra_args = {"--log-level", "debug"};
    }
};

TEST_P(SecretsTest, TokensNeverAppearInBodiesOrLogs) {
    auto d = create_course("Course guarded by a secret");
    const std::string id(d.at("distribution_id").as_string());
    const std::string api = "/api/distributions/";
    std::vector<HttpResponse> responses;
    for (const std::string& token : {std::string(kWrongToken), std::string(kRightToken)}) {
        for (const auto& authorization : {"Bearer " + token, "bearer " + token, "Basic " + token,
                                          token, "Bearer " + token + "x", "Bearer  " + token}) {
            const std::vector<std::pair<std::string, std::string>> headers{
                {"Authorization", authorization}, {"Content-Type", "application/json"}};
            responses.push_back(client_->request("GET", api + id, {}, headers));
            responses.push_back(client_->request("POST", api + "create", "{\"x\":1}", headers));
            responses.push_back(client_->request("PUT", api + id, "not json", headers));
            responses.push_back(
                client_->request("POST", api + "dist_0000000000000000/publish", {}, headers));
            responses.push_back(client_->request("GET", "/api/events?after=-1", {}, headers));
        }
        responses.push_back(client_->get(api + id + "?token=" + token));
    }
    int unauthorized = 0;
    for (const auto& response : responses) {
        EXPECT_THAT(response.body, Not(HasSubstr(kRightToken)));
        EXPECT_THAT(response.body, Not(HasSubstr(kWrongToken)));
        for (const auto& [name, value] : response.headers) {
            EXPECT_THAT(value, Not(HasSubstr(kRightToken))) << name;
            EXPECT_THAT(value, Not(HasSubstr(kWrongToken))) << name;
        }
        if (response.status == 401) ++unauthorized;
    }
    EXPECT_GT(unauthorized, 0);  // the wrong tokens were refused
    const auto output = service_->output();
    EXPECT_THAT(output, Not(HasSubstr(kRightToken)));
    EXPECT_THAT(output, Not(HasSubstr(kWrongToken)));
}

INSTANTIATE_TEST_SUITE_P(Backends, SecretsTest, ::testing::ValuesIn(test_backends()));

class TokensFileTest : public ApiTest {
  protected:
    void configure(ServiceOptions& options) override {
        tokens_dir_ = std::make_unique<TempDir>();
        const auto file = tokens_dir_->path() / "tokens";
        std::ofstream(file) << "first-file-token-0123456789\n"
                            << "second-file-token-abcdefghij, third-file-token-klmnopqrst\n";
        options.admin_token = "";  // no COURSEDIST_ADMIN_TOKENS: the file alone
        options.env["COURSEDIST_ADMIN_TOKENS_FILE"] = file.string();
    }
    std::unique_ptr<TempDir> tokens_dir_;
};

TEST_P(TokensFileTest, TokensComeFromTheFileAndStayOutOfTheOutput) {
    for (const char* token : {"first-file-token-0123456789", "third-file-token-klmnopqrst"}) {
        const auto response = client_->request("GET", "/api/distributions", {},
                                               {{"Authorization", std::string("Bearer ") + token}});
        EXPECT_EQ(response.status, 200) << token;
    }
    EXPECT_EQ(client_
                  ->request("GET", "/api/distributions", {},
                            {{"Authorization", "Bearer not-in-the-file-000000"}})
                  .status,
              401);
    EXPECT_THAT(service_->output(), Not(HasSubstr("file-token")));
}

INSTANTIATE_TEST_SUITE_P(Backends, TokensFileTest, ::testing::ValuesIn(test_backends()));

}  // namespace
}  // namespace coursedist::testing
