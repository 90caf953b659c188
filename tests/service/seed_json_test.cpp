// The seed-JSON importer against a real SQLite store: the order records go in (oldest first, each
// variant after its parent, however old), what is refused alone while the others are imported,
// and the progress it reports.

#include "service/seed_json.hpp"

#include "storage/sqlite/sqlite_store.hpp"
#include "storage/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace coursedist::service {
namespace {

namespace json = boost::json;

std::string id_of(int n) {
    char id[32];
    std::snprintf(id, sizeof id, "dist_%016x", n);
    return id;
}

// A valid record in the seed's format.
json::object record(int n, double created_at, std::optional<int> parent = std::nullopt) {
    const std::string title = "Course number " + std::to_string(n) + " about money";
    return {{"distribution_id", id_of(n)},
            {"course_id", "course-" + std::to_string(n)},
            {"slug", "course-" + std::to_string(n) + "-about-money"},
            {"language", "en"},
            {"title", title},
            {"description", "A course with a description long enough to be valid, number " +
                                std::to_string(n) + "."},
            {"target_group", json::array{"students"}},
            {"version", "v1"},
            {"derived_from", parent ? json::value(id_of(*parent)) : json::value(nullptr)},
            {"seo",
             {{"meta_title", title},
              {"meta_description",
               "A course with a description long enough to be a valid meta description."},
              {"keywords", json::array{}},
              {"og_image_url", nullptr},
              {"hreflang_alternates", json::object{}}}},
            {"cta", {{"label", "Start now"}, {"action", "open_course"}, {"url", nullptr}}},
            {"visibility", "PUBLIC"},
            {"published_at", created_at},
            {"created_at", created_at},
            {"updated_at", created_at}};
}

class SeedJsonImportTest : public ::testing::Test {
  protected:
    SeedJsonImportTest() : store(storage::open_sqlite_store(dir.file("db.sqlite"), 1)) {
        store->migrate();
    }

    // Writes distributions.json (the only file the importer needs) into a new folder.
    std::filesystem::path seed(const std::vector<json::object>& records) {
        json::object distributions;
        for (const auto& r : records) distributions[r.at("distribution_id").as_string()] = r;
        const auto folder = dir.path() / ("seed" + std::to_string(seeds_++));
        std::filesystem::create_directories(folder);
        std::ofstream(folder / "distributions.json") << json::serialize(distributions);
        return folder;
    }

    std::vector<std::string> refused_keys(const SeedImportReport& report) {
        std::vector<std::string> keys;
        for (const auto& r : report.refused) keys.push_back(r.key);
        return keys;
    }

    storage::testing::TempDir dir;
    std::unique_ptr<storage::Store> store;
    int seeds_ = 0;
};

TEST_F(SeedJsonImportTest, OldestFirstAndAVariantOlderThanItsParentRightAfterTheParent) {
    const auto report = import_seed_json(
        *store, seed({record(1, 3000), record(2, 1000, 1), record(3, 2000), record(4, 4000)}));
    EXPECT_TRUE(report.refused.empty());
    EXPECT_EQ(report.imported, (std::vector{id_of(3), id_of(1), id_of(2), id_of(4)}));
    EXPECT_EQ(store->begin_read()->find(id_of(2))->derived_from, id_of(1));
}

TEST_F(SeedJsonImportTest, ALongChainOfVariantsEachOlderThanItsParentIsImportedParentsFirst) {
    // Record n derives from n + 1 and is older: each record can only go in after every younger one.
    constexpr int kChain = 2000;
    std::vector<json::object> records;
    for (int n = 0; n < kChain; ++n) {
        records.push_back(
            record(n, 1000.0 + n, n + 1 < kChain ? std::optional(n + 1) : std::nullopt));
    }
    const auto report = import_seed_json(*store, seed(records));
    EXPECT_TRUE(report.refused.empty());
    ASSERT_EQ(report.imported.size(), static_cast<std::size_t>(kChain));
    for (int n = 0; n < kChain; ++n) EXPECT_EQ(report.imported[n], id_of(kChain - 1 - n));
}

TEST_F(SeedJsonImportTest, VariantsOfUnknownRefusedOrCyclicParentsAreRefusedAloneOldestFirst) {
    auto invalid = record(5, 500);
    invalid["title"] = "Short";
    const auto report =
        import_seed_json(*store, seed({record(1, 100, 2), record(2, 200, 1),  // a cycle
                                       record(3, 300, 3),                     // its own parent
                                       record(4, 400, 99),                    // unknown parent
                                       invalid, record(6, 600, 5),            // refused parent
                                       record(7, 700), record(8, 800, 7)}));  // fine
    EXPECT_EQ(report.imported, (std::vector{id_of(7), id_of(8)}));
    EXPECT_EQ(refused_keys(report),
              (std::vector{id_of(5), id_of(1), id_of(2), id_of(3), id_of(4), id_of(6)}));
    for (std::size_t i = 1; i < report.refused.size(); ++i) {
        ASSERT_EQ(report.refused[i].reasons.size(), 1u);
        EXPECT_TRUE(report.refused[i].reasons[0].starts_with("derived_from: parent "))
            << report.refused[i].reasons[0];
    }
    EXPECT_EQ(store->begin_read()->count_public(), 2);
}

TEST_F(SeedJsonImportTest, ASlugClashRefusesOnlyTheYoungerRecordInTheSameTransaction) {
    auto copy = record(2, 200);
    copy["slug"] = record(1, 0).at("slug");
    const auto report = import_seed_json(*store, seed({record(3, 300), copy, record(1, 100)}));
    EXPECT_EQ(report.imported, (std::vector{id_of(1), id_of(3)}));
    ASSERT_EQ(report.refused.size(), 1u);
    EXPECT_EQ(report.refused[0].key, id_of(2));
    EXPECT_EQ(report.refused[0].reasons,
              (std::vector<std::string>{"slug: course-1-about-money is taken"}));
    auto read = store->begin_read();
    EXPECT_TRUE(read->find(id_of(1)) && read->find(id_of(3)));
    EXPECT_FALSE(read->find(id_of(2)));
    // Importing is a migration: no outbox events for the imported rows.
    EXPECT_TRUE(read->outbox_after(0, 10).empty());
}

TEST_F(SeedJsonImportTest, AnExistingIdIsRefusedWhileAVariantOfAnExistingRowIsImported) {
    ASSERT_EQ(import_seed_json(*store, seed({record(1, 100)})).imported.size(), 1u);
    const auto report =
        import_seed_json(*store, seed({record(1, 100), record(2, 200, 1), record(3, 300)}));
    EXPECT_EQ(report.imported, (std::vector{id_of(2), id_of(3)}));
    ASSERT_EQ(report.refused.size(), 1u);
    EXPECT_EQ(report.refused[0].reasons,
              (std::vector<std::string>{"distribution_id: already exists"}));
}

TEST_F(SeedJsonImportTest, ProgressCountsEachRecordReadThenEachImportedOrRefused) {
    auto invalid = record(2, 200);
    invalid["language"] = "german";
    auto copy = record(4, 400);
    copy["slug"] = record(1, 0).at("slug");
    std::vector<SeedImportProgress> seen;
    const auto report =
        import_seed_json(*store, seed({record(1, 100), invalid, record(3, 300), copy}),
                         [&](const SeedImportProgress& p) { seen.push_back(p); });
    ASSERT_EQ(report.imported.size(), 2u);
    ASSERT_EQ(report.refused.size(), 2u);

    ASSERT_FALSE(seen.empty());
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_EQ(seen[i].records, 4u);
        if (i == 0) continue;
        EXPECT_GE(seen[i].read, seen[i - 1].read);
        EXPECT_GE(seen[i].imported, seen[i - 1].imported);
        EXPECT_GE(seen[i].refused, seen[i - 1].refused);
    }
    // One call per record read, the invalid one refused as it is read.
    for (std::size_t read = 1; read <= 4; ++read) {
        EXPECT_TRUE(std::any_of(seen.begin(), seen.end(), [&](const auto& p) {
            return p.read == read && p.imported == 0;
        })) << read;
    }
    EXPECT_EQ(seen[3].refused, 1u);
    // Then one per record imported or refused by the store.
    EXPECT_EQ(seen.back().read, 4u);
    EXPECT_EQ(seen.back().imported, 2u);
    EXPECT_EQ(seen.back().refused, 2u);
}

}  // namespace
}  // namespace coursedist::service
