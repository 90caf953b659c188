#include "support/api_fixture.hpp"

namespace coursedist::testing {

void ApiTest::SetUp() {
    dir_ = std::make_unique<TempDir>();
    database_ = make_test_database(GetParam(), dir_->path().string());
    ServiceOptions options;
    options.database = database_->uri();
    configure(options);
    service_ = std::make_unique<ServiceProcess>(options);
    client_ = std::make_unique<HttpClient>(service_->port());
}

void ApiTest::TearDown() {
    client_.reset();
    service_.reset();
    database_.reset();
    dir_.reset();
}

HttpResponse ApiTest::admin(const std::string& method, const std::string& target,
                            const std::string& body,
                            std::vector<std::pair<std::string, std::string>> headers) {
    headers.emplace_back("Authorization", service_->auth_header());
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client_->request(method, target, body, std::move(headers));
}

HttpResponse ApiTest::admin_json(const std::string& method, const std::string& target,
                                 const boost::json::value& body,
                                 std::vector<std::pair<std::string, std::string>> headers) {
    return admin(method, target, boost::json::serialize(body), std::move(headers));
}

HttpResponse ApiTest::get(const std::string& target,
                          std::vector<std::pair<std::string, std::string>> headers) {
    return client_->get(target, std::move(headers));
}

std::string long_description(const std::string& topic) {
    return "A practical course about " + topic +
           " with exercises, worked examples and a checklist for everyday use.";
}

boost::json::object ApiTest::create_course(const std::string& title, boost::json::object extra) {
    boost::json::object body{
        {"course_id", "course_" + std::to_string(std::hash<std::string>{}(title) % 100000)},
        {"language", "en"},
        {"title", title},
        {"description", long_description(title)}};
    for (auto& [key, value] : extra) body[key] = value;
    auto response = admin_json("POST", "/api/distributions/create", body);
    EXPECT_EQ(response.status, 201) << response.body;
    return parse_object(response.body);
}

boost::json::object ApiTest::publish(const std::string& id) {
    auto response = admin("POST", "/api/distributions/" + id + "/publish");
    EXPECT_EQ(response.status, 200) << response.body;
    return parse_object(response.body);
}

boost::json::value parse_json(const std::string& body) {
    boost::system::error_code ec;
    auto value = boost::json::parse(body, ec);
    if (ec) ADD_FAILURE() << "not JSON: " << body;
    return value;
}

boost::json::object parse_object(const std::string& body) {
    auto value = parse_json(body);
    if (!value.is_object()) {
        ADD_FAILURE() << "not a JSON object: " << body;
        return {};
    }
    return value.get_object();
}

std::vector<std::string> error_fields(const HttpResponse& response) {
    std::vector<std::string> fields;
    auto body = parse_object(response.body);
    if (auto* errors = body.if_contains("errors"); errors && errors->is_array())
        for (const auto& e : errors->get_array()) fields.emplace_back(e.at("field").as_string());
    return fields;
}

}  // namespace coursedist::testing
