// `coursedist import-json` / `export-json` (issue 5): the hand-made seed fixture in
// tests/fixtures/seed_json is imported (valid records in, invalid ones refused with reasons), the
// API serves the imported courses, and the export writes the seed's three files back, losslessly.
// A long import reports its progress; `coursedist --version` prints the version the API reports.

#include "app/version.hpp"
#include "support/databases.hpp"
#include "support/http_client.hpp"
#include "support/service_process.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace coursedist::testing {
namespace {

namespace json = boost::json;

const std::string kFixture = std::string(COURSEDIST_SOURCE_DIR) + "/tests/fixtures/seed_json";
const std::vector<std::string> kImported = {"dist_a1b2c3d4e5f60718", "dist_a1b2c3d4e5f60719",
                                            "dist_0000000000000abc"};
const std::vector<std::string> kRefused = {"dist_00000000000000bd", "dist_00000000000000be",
                                           "dist_00000000000000bf"};

json::object read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str()).as_object();
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// JSON equality with numbers compared by value (the seed writes 1735100000, we 1735100000.0).
bool same_json(const json::value& a, const json::value& b) {
    if (a.is_number() && b.is_number()) return a.to_number<double>() == b.to_number<double>();
    if (a.kind() != b.kind()) return false;
    if (a.is_object()) {
        const auto& x = a.as_object();
        const auto& y = b.as_object();
        if (x.size() != y.size()) return false;
        for (const auto& [key, value] : x) {
            if (!y.contains(key) || !same_json(value, y.at(key))) return false;
        }
        return true;
    }
    if (a.is_array()) {
        const auto& x = a.as_array();
        const auto& y = b.as_array();
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (!same_json(x[i], y[i])) return false;
        }
        return true;
    }
    return a == b;
}

class ImportExportTest : public ::testing::TestWithParam<std::string> {
  protected:
    std::pair<int, std::string> run(const std::string& command, const std::string& dir,
                                    const TestDatabase& database) {
        return run_command({command, dir, "--database", database.uri()});
    }
    TempDir dir_;
};

TEST_P(ImportExportTest, ImportsTheSeedFixtureServesItAndExportsItBack) {
    auto database = make_test_database(GetParam(), dir_.path().string());
    auto [status, output] = run("import-json", kFixture, *database);
    EXPECT_EQ(status, 3) << output;  // some refused
    for (const auto& id : kImported) EXPECT_NE(output.find("imported " + id), std::string::npos);
    for (const auto& id : kRefused) EXPECT_NE(output.find("refused " + id), std::string::npos);
    EXPECT_NE(output.find("title: must be 10-200"), std::string::npos) << output;
    EXPECT_NE(output.find("derived_from: parent dist_00000000000000bd"), std::string::npos);
    EXPECT_NE(output.find("slug: alternativen-zu-banken-sparkassen is taken"), std::string::npos);
    EXPECT_NE(output.find("3 imported, 3 refused"), std::string::npos);

    {
        ServiceOptions options;
        options.database = database->uri();
        ServiceProcess service(options);
        HttpClient client(service.port());
        auto detail = client.get("/api/distributions/alternativen-zu-banken-sparkassen");
        ASSERT_EQ(detail.status, 200) << detail.body;
        EXPECT_EQ(json::parse(detail.body).at("title"), "Alternativen zu Banken & Sparkassen");
        auto catalog = json::parse(client.get("/api/distributions/catalog").body);
        ASSERT_TRUE(catalog.is_object()) << catalog;
        EXPECT_NE(json::serialize(catalog).find("alternativen-zu-banken-sparkassen"),
                  std::string::npos);
        EXPECT_EQ(json::serialize(catalog).find("python-for-data-analysts"), std::string::npos);
        EXPECT_EQ(client.get("/api/distributions/python-for-data-analysts").status, 200);
        EXPECT_EQ(client.get("/api/distributions/alternativen-zu-banken-fuer-studierende").status,
                  404);  // private
        EXPECT_EQ(client.get("/api/distributions/broken-course").status, 404);
    }

    const auto exported = dir_.path() / "exported";
    auto [export_status, export_output] = run("export-json", exported.string(), *database);
    ASSERT_EQ(export_status, 0) << export_output;
    const auto fixture = read_json(std::filesystem::path(kFixture) / "distributions.json");
    const auto distributions = read_json(exported / "distributions.json");
    EXPECT_EQ(distributions.size(), kImported.size());
    for (const auto& id : kImported) {
        ASSERT_TRUE(distributions.contains(id)) << id;
        const auto& written = distributions.at(id).as_object();
        for (const auto& [field, value] : fixture.at(id).as_object()) {
            // The fixture's upper-case UNLISTED is stored (and written) in the model's spelling.
            const json::value expected = value == "UNLISTED" ? json::value("unlisted") : value;
            EXPECT_TRUE(written.contains(field) && same_json(written.at(field), expected))
                << id << "." << field << ": "
                << (written.contains(field) ? written.at(field) : nullptr) << " != " << value;
        }
    }
    EXPECT_TRUE(
        same_json(read_json(exported / "slug_index.json"),
                  json::parse(R"({"alternativen-zu-banken-sparkassen":"dist_a1b2c3d4e5f60718",
                                          "alternativen-zu-banken-fuer-studierende":"dist_a1b2c3d4e5f60719",
                                          "python-for-data-analysts":"dist_0000000000000abc"})")));
    EXPECT_TRUE(same_json(read_json(exported / "derivations.json"),
                          json::parse(R"({"dist_a1b2c3d4e5f60718":["dist_a1b2c3d4e5f60719"]})")));

    // The export re-imports completely into an empty database and exports identically.
    TempDir second_dir;
    auto second = make_test_database(GetParam(), second_dir.path().string());
    auto [reimport_status, reimport_output] = run("import-json", exported.string(), *second);
    EXPECT_EQ(reimport_status, 0) << reimport_output;
    EXPECT_NE(reimport_output.find("3 imported, 0 refused"), std::string::npos) << reimport_output;
    const auto again = dir_.path() / "again";
    ASSERT_EQ(run("export-json", again.string(), *second).first, 0);
    for (const char* file : {"distributions.json", "slug_index.json", "derivations.json"}) {
        EXPECT_EQ(read_text(again / file), read_text(exported / file)) << file;
    }
}

TEST_P(ImportExportTest, MissingOrMalformedFilesImportNothing) {
    auto database = make_test_database(GetParam(), dir_.path().string());
    const auto empty = dir_.path() / "empty";
    std::filesystem::create_directories(empty);
    auto [status, output] = run("import-json", empty.string(), *database);
    EXPECT_EQ(status, 1);
    EXPECT_NE(output.find("distributions.json"), std::string::npos) << output;
    std::ofstream(empty / "distributions.json") << "[1, 2]";
    std::tie(status, output) = run("import-json", empty.string(), *database);
    EXPECT_EQ(status, 1);
    EXPECT_NE(output.find("must be a JSON object"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportExportTest, ::testing::Values("sqlite", "postgres"));

// `count` valid records in the seed's format, except every 1000th, whose title is too short.
void write_generated_seed(const std::filesystem::path& dir, int count) {
    json::object distributions;
    for (int n = 0; n < count; ++n) {
        char id[32];
        std::snprintf(id, sizeof id, "dist_%016x", n);
        const std::string title =
            n % 1000 == 999 ? "Short" : "Generated course " + std::to_string(n);
        distributions[id] = {
            {"distribution_id", id},
            {"course_id", "course-" + std::to_string(n)},
            {"slug", "generated-course-" + std::to_string(n)},
            {"language", "de"},
            {"title", title},
            {"description", "A generated course whose description is long enough to be valid."},
            {"target_group", json::array{}},
            {"version", "v1"},
            {"derived_from", nullptr},
            {"seo",
             {{"meta_title", "Generated course"},
              {"meta_description", "A generated course whose description is long enough."},
              {"keywords", json::array{}},
              {"og_image_url", nullptr},
              {"hreflang_alternates", json::object{}}}},
            {"cta", {{"label", "Start now"}, {"action", "open_course"}, {"url", nullptr}}},
            {"visibility", "PRIVATE"},
            {"published_at", nullptr},
            {"created_at", 1735000000.0 + n},
            {"updated_at", 1735000000.0 + n}};
    }
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "distributions.json") << json::serialize(distributions);
}

std::vector<std::string> progress_lines(const std::string& output) {
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("import: ")) lines.push_back(line);
    }
    return lines;
}

TEST(ImportProgressTest, WithoutATerminalALineEach10000RecordsReadAndEach10000Settled) {
    TempDir dir;
    write_generated_seed(dir.path() / "seed", 25'000);
    auto [status, output] =
        run_command({"import-json", (dir.path() / "seed").string(), "--database",
                     "sqlite:" + (dir.path() / "db.sqlite").string()});
    EXPECT_EQ(status, 3);  // 25 refused
    EXPECT_NE(output.find("24975 imported, 25 refused"), std::string::npos);
    EXPECT_EQ(output.find('\r'), std::string::npos);  // no live line outside a terminal
    EXPECT_EQ(progress_lines(output),
              (std::vector<std::string>{
                  "import: 10000/25000 records read, 0 imported, 10 refused",
                  "import: 20000/25000 records read, 0 imported, 20 refused",
                  "import: 25000/25000 records read, 9975 imported, 25 refused",
                  "import: 25000/25000 records read, 19975 imported, 25 refused",
              }))
        << output.substr(output.size() - std::min<std::size_t>(output.size(), 2000));
}

TEST(VersionTest, PrintsTheVersionTheHealthEndpointReports) {
    auto [status, output] = run_command({"--version"});
    EXPECT_EQ(status, 0);
    EXPECT_EQ(output, std::string("coursedist ") + app::kVersion + "\n");

    TempDir dir;
    ServiceOptions options;
    options.database = "sqlite:" + (dir.path() / "db.sqlite").string();
    ServiceProcess service(options);
    auto health = json::parse(HttpClient(service.port()).get("/api/distributions/health").body);
    EXPECT_EQ(health.at("version"), app::kVersion);
}

}  // namespace
}  // namespace coursedist::testing
