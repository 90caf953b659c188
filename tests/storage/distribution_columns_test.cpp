#include "storage/distribution_columns.hpp"

#include "domain/distribution_fields.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace coursedist::storage {
namespace {

using domain::Distribution;

std::string numbered(int index, SqlType type) {
    return "$" + std::to_string(index) + (type == SqlType::Json ? "j" : "");
}

Distribution full() {
    Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.course_id = "course-1";
    d.slug = "a-slug";
    d.language = "de";
    d.title = "Größe";
    d.description = "Beschreibung";
    d.target_group = {"a", "b"};
    d.version = "v2";
    d.derived_from = "dist_0000000000000001";
    d.seo.meta_title = "Meta";
    d.seo.og_image_url = "https://example.com/og.png";
    d.seo.hreflang_alternates = {{"en", "https://example.com/en"}};
    d.cta.action = domain::CtaAction::Custom;
    d.cta.url = "https://example.com/go";
    d.visibility = domain::Visibility::Unlisted;
    d.published_at = 1700000000.125;
    d.staging_url = "https://staging.example.com";
    d.staging_deployed_at = "2026-01-01T00:00:00Z";
    d.outline.modules = {domain::Module{"m1", "Eins", "E", 2, 30}};
    d.outline.learning_outcomes = {"Wissen"};
    d.view_count = 11;
    d.enrollment_count = 5;
    d.created_at = 1600000000.5;
    d.updated_at = 1700000001.75;
    return d;
}

// Reads back parameter values as if the database had stored them.
class ValuesRow final : public ColumnReader {
  public:
    explicit ValuesRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
    bool is_null(int column) const override {
        return std::holds_alternative<std::monostate>(values_.at(column));
    }
    std::string text(int column) const override {
        return std::get<std::string>(values_.at(column));
    }
    double real(int column) const override { return std::get<double>(values_.at(column)); }
    std::int64_t integer(int column) const override {
        return std::get<std::int64_t>(values_.at(column));
    }

  private:
    std::vector<SqlValue> values_;
};

std::vector<SqlValue> insert_values(const Distribution& d) {
    std::vector<SqlValue> values;
    insert_parameters(d, [&](const SqlValue& v) { values.push_back(v); });
    return values;
}

// The stored columns cover the model: one per field of the domain table (same name), plus the
// derived search_text.
TEST(DistributionColumns, OneColumnPerModelFieldPlusSearchText) {
    std::set<std::string_view> fields;
    for (const auto& field : domain::distribution_fields()) fields.insert(field.name);
    std::set<std::string_view> readable;
    std::set<std::string_view> write_only;
    for (const auto& column : distribution_columns()) {
        (column.read != nullptr ? readable : write_only).insert(column.name);
    }
    EXPECT_EQ(readable, fields);
    EXPECT_EQ(write_only, (std::set<std::string_view>{"search_text"}));
}

TEST(DistributionColumns, ReadableColumnsComeFirst) {
    bool write_only_seen = false;
    for (const auto& column : distribution_columns()) {
        if (column.read == nullptr) write_only_seen = true;
        EXPECT_FALSE(write_only_seen && column.read != nullptr) << column.name;
    }
}

TEST(DistributionColumns, EveryValueReadsBackAsWritten) {
    for (const Distribution& d : {full(), Distribution{}}) {
        const auto values = insert_values(d);
        ASSERT_EQ(values.size(), distribution_columns().size());
        const Distribution back = read_distribution(ValuesRow(values));
        EXPECT_EQ(back, d);
    }
}

TEST(DistributionColumns, ValuesHaveTheirColumnsTypes) {
    const auto values = insert_values(full());
    const auto columns = distribution_columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const auto& v = values[i];
        switch (columns[i].type) {
            case SqlType::Text:
            case SqlType::Json:
                EXPECT_TRUE(std::holds_alternative<std::string>(v)) << columns[i].name;
                break;
            case SqlType::Real:
                EXPECT_TRUE(std::holds_alternative<double>(v)) << columns[i].name;
                break;
            case SqlType::Integer:
                EXPECT_TRUE(std::holds_alternative<std::int64_t>(v)) << columns[i].name;
                break;
        }
    }
    // An empty optional is NULL, and only nullable columns take one.
    const auto empty = insert_values(Distribution{});
    for (std::size_t i = 0; i < columns.size(); ++i) {
        EXPECT_EQ(std::holds_alternative<std::monostate>(empty[i]), columns[i].nullable)
            << columns[i].name;
    }
}

// "a, b, c" for the columns that pass `keep`, each as `format(column, its 1-based position)`.
template <typename Keep, typename Format>
std::string joined(Keep keep, Format format) {
    std::string out;
    int index = 0;
    for (const auto& column : distribution_columns()) {
        if (!keep(column)) continue;
        if (index++ > 0) out += ", ";
        out += format(column, index);
    }
    return out;
}

std::string name_of(const DistributionColumn& column, int) {
    return std::string(column.name);
}

TEST(DistributionColumns, SelectListsTheReadableColumns) {
    const auto readable = [](const DistributionColumn& c) { return c.read != nullptr; };
    EXPECT_EQ(distribution_select(), "SELECT " + joined(readable, name_of) + " FROM distributions");
    EXPECT_EQ(distribution_select().rfind("SELECT distribution_id, course_id, ", 0), 0u);
}

TEST(DistributionColumns, InsertWritesEveryColumn) {
    const auto every = [](const DistributionColumn&) { return true; };
    const auto parameter = [](const DistributionColumn& c, int index) {
        return numbered(index, c.type);
    };
    EXPECT_EQ(distribution_insert(numbered), "INSERT INTO distributions (" +
                                                 joined(every, name_of) + ") VALUES (" +
                                                 joined(every, parameter) + ")");
}

// Neither the id, nor created_at, nor the counters (only increments change them).
TEST(DistributionColumns, UpdateWritesTheEditableColumnsByKey) {
    const auto editable = [](const DistributionColumn& c) { return c.written == Written::Always; };
    const auto assignment = [](const DistributionColumn& c, int index) {
        return std::string(c.name) + " = " + numbered(index, c.type);
    };
    const std::string set = joined(editable, assignment);
    const int key_index = static_cast<int>(std::count(set.begin(), set.end(), '$')) + 1;
    EXPECT_EQ(distribution_update(numbered),
              "UPDATE distributions SET " + set +
                  " WHERE distribution_id = " + numbered(key_index, SqlType::Text));
    std::set<std::string_view> not_updated;
    for (const auto& column : distribution_columns()) {
        if (column.written != Written::Always) not_updated.insert(column.name);
    }
    EXPECT_EQ(not_updated, (std::set<std::string_view>{"distribution_id", "created_at",
                                                       "view_count", "enrollment_count"}));

    std::vector<SqlValue> values;
    const Distribution d = full();
    update_parameters(d, [&](const SqlValue& v) { values.push_back(v); });
    ASSERT_EQ(static_cast<int>(values.size()), key_index);
    EXPECT_EQ(values.front(), SqlValue(d.course_id));
    EXPECT_EQ(values.back(), SqlValue(d.distribution_id));
}

std::size_t index_of(std::string_view name) {
    const auto columns = distribution_columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name == name) return i;
    }
    throw std::out_of_range(std::string(name));
}

TEST(DistributionColumns, CorruptValuesAreReportedWithTheirColumn) {
    auto values = insert_values(full());
    auto read_with = [&](std::size_t index, SqlValue value) {
        auto changed = values;
        changed.at(index) = std::move(value);
        return read_distribution(ValuesRow(changed));
    };
    auto expect_error_naming = [&](std::size_t index, SqlValue value, const std::string& column) {
        try {
            read_with(index, std::move(value));
            ADD_FAILURE() << "no error for " << column;
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find("distributions." + column), std::string::npos)
                << e.what();
        }
    };
    expect_error_naming(index_of("seo"), SqlValue(std::string("{not json")), "seo");
    expect_error_naming(index_of("visibility"), SqlValue(std::string("secret")), "visibility");
    EXPECT_EQ(read_with(index_of("derived_from"), SqlValue{}).derived_from, std::nullopt);
}

}  // namespace
}  // namespace coursedist::storage
