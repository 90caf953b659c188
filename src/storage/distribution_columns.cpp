#include "storage/distribution_columns.hpp"

#include "domain/json_codec.hpp"
#include "storage/column_codec.hpp"

#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace coursedist::storage {

namespace {

using domain::Distribution;

// How a member type is stored: its SqlType, and the conversions to and from a SqlValue.
template <typename T>
struct Codec;

template <>
struct Codec<std::string> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue to(const std::string& s) { return s; }
    static std::string from(const ColumnReader& row, int i) { return row.text(i); }
};

template <>
struct Codec<double> {
    static constexpr SqlType type = SqlType::Real;
    static SqlValue to(double x) { return x; }
    static double from(const ColumnReader& row, int i) { return row.real(i); }
};

template <>
struct Codec<std::int64_t> {
    static constexpr SqlType type = SqlType::Integer;
    static SqlValue to(std::int64_t n) { return n; }
    static std::int64_t from(const ColumnReader& row, int i) { return row.integer(i); }
};

template <>
struct Codec<domain::Visibility> {
    static constexpr SqlType type = SqlType::Text;
    static SqlValue to(domain::Visibility v) { return std::string(domain::to_string(v)); }
    static domain::Visibility from(const ColumnReader& row, int i) {
        return parse_visibility_column(row.text(i));
    }
};

// Structured members are JSON text, encoded and decoded by domain/json_codec.hpp.
template <typename T, T (*decode)(const boost::json::value&)>
struct JsonCodec {
    static constexpr SqlType type = SqlType::Json;
    static SqlValue to(const T& value) { return json_text(domain::to_json(value)); }
    static T from(const ColumnReader& row, int i) {
        return decode(parse_json_column(row.text(i), ""));
    }
};
template <>
struct Codec<std::vector<std::string>>
    : JsonCodec<std::vector<std::string>, domain::strings_from_json> {};
template <>
struct Codec<domain::Seo> : JsonCodec<domain::Seo, domain::seo_from_json> {};
template <>
struct Codec<domain::Cta> : JsonCodec<domain::Cta, domain::cta_from_json> {};
template <>
struct Codec<domain::Outline> : JsonCodec<domain::Outline, domain::outline_from_json> {};

template <typename T>
struct Nullable : std::false_type {};
template <typename T>
struct Nullable<std::optional<T>> : std::true_type {};

// An optional member is a nullable column of its value's type.
template <typename T>
struct Codec<std::optional<T>> {
    static constexpr SqlType type = Codec<T>::type;
    static SqlValue to(const std::optional<T>& value) {
        return value ? Codec<T>::to(*value) : SqlValue{};
    }
    static std::optional<T> from(const ColumnReader& row, int i) {
        if (row.is_null(i)) return std::nullopt;
        return Codec<T>::from(row, i);
    }
};

template <auto Member>
constexpr DistributionColumn column(std::string_view name, Written written) {
    using T = std::remove_cvref_t<decltype(std::declval<Distribution&>().*Member)>;
    return DistributionColumn{
        name,
        Codec<T>::type,
        Nullable<T>::value,
        written,
        [](const Distribution& d) { return Codec<T>::to(d.*Member); },
        [](Distribution& d, const ColumnReader& row, int i) { d.*Member = Codec<T>::from(row, i); },
    };
}

using D = Distribution;
using enum Written;
constexpr std::array kColumns{
    column<&D::distribution_id>("distribution_id", Key),
    column<&D::course_id>("course_id", Always),
    column<&D::slug>("slug", Always),
    column<&D::language>("language", Always),
    column<&D::title>("title", Always),
    column<&D::description>("description", Always),
    column<&D::target_group>("target_group", Always),
    column<&D::version>("version", Always),
    column<&D::derived_from>("derived_from", Always),
    column<&D::seo>("seo", Always),
    column<&D::cta>("cta", Always),
    column<&D::visibility>("visibility", Always),
    column<&D::published_at>("published_at", Always),
    column<&D::staging_url>("staging_url", Always),
    column<&D::staging_deployed_at>("staging_deployed_at", Always),
    column<&D::outline>("outline", Always),
    column<&D::view_count>("view_count", OnInsert),
    column<&D::enrollment_count>("enrollment_count", OnInsert),
    column<&D::created_at>("created_at", OnInsert),
    column<&D::updated_at>("updated_at", Always),
    // Written only: what catalog text search matches (column_codec.hpp).
    DistributionColumn{"search_text", SqlType::Text, false, Always,
                       [](const D& d) { return SqlValue(search_text_of(d)); }, nullptr},
};

const DistributionColumn& key_column() {
    for (const auto& c : kColumns) {
        if (c.written == Key) return c;
    }
    throw std::logic_error("distribution_columns: no key column");
}

}  // namespace

std::span<const DistributionColumn> distribution_columns() {
    return kColumns;
}

const std::string& distribution_select() {
    static const std::string sql = [] {
        std::string columns;
        for (const auto& c : kColumns) {
            if (c.read == nullptr) break;
            if (!columns.empty()) columns += ", ";
            columns += c.name;
        }
        return "SELECT " + columns + " FROM distributions";
    }();
    return sql;
}

std::string distribution_insert(Placeholder placeholder) {
    std::string names;
    std::string values;
    int index = 0;
    for (const auto& c : kColumns) {
        if (index++ > 0) {
            names += ", ";
            values += ", ";
        }
        names += c.name;
        values += placeholder(index, c.type);
    }
    return "INSERT INTO distributions (" + names + ") VALUES (" + values + ")";
}

std::string distribution_update(Placeholder placeholder) {
    std::string sql = "UPDATE distributions SET ";
    int index = 0;
    for (const auto& c : kColumns) {
        if (c.written != Always) continue;
        if (index++ > 0) sql += ", ";
        sql += std::string(c.name) + " = " + placeholder(index, c.type);
    }
    const auto& key = key_column();
    sql += " WHERE " + std::string(key.name) + " = " + placeholder(index + 1, key.type);
    return sql;
}

Distribution read_distribution(const ColumnReader& row) {
    Distribution d;
    int index = 0;
    for (const auto& column : kColumns) {
        if (column.read == nullptr) break;
        try {
            column.read(d, row, index++);
        } catch (const std::exception& e) {
            throw std::runtime_error("corrupt distributions." + std::string(column.name) + ": " +
                                     e.what());
        }
    }
    return d;
}

}  // namespace coursedist::storage
