#include "domain/distribution_fields.hpp"

#include "domain/json_codec.hpp"
#include "domain/model_decoding.hpp"

#include <boost/json.hpp>

#include <array>
#include <optional>
#include <type_traits>

namespace coursedist::domain {

namespace {

namespace json = boost::json;

json::value encode(const std::string& s) {
    return json::value(s);
}
json::value encode(std::int64_t n) {
    return json::value(n);
}
json::value encode(double x) {
    return json::value(x);
}
json::value encode(Visibility v) {
    return json::value(to_string(v));
}
template <typename T>
json::value encode(const T& value) {
    return to_json(value);  // the json_codec encoders: optionals, string lists, Seo, Cta, Outline
}

template <auto Member>
json::value encode_member(const Distribution& d) {
    return encode(d.*Member);
}

// The reader of a member's type.
template <typename T>
decoding::ValueReader<T> reader_for() {
    using namespace decoding;
    if constexpr (std::is_same_v<T, std::string>) {
        return text();
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
        return texts();
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
        return integer();
    } else if constexpr (std::is_same_v<T, double>) {
        return number();
    } else if constexpr (std::is_same_v<T, Visibility>) {
        return one_of<Visibility>(parse_visibility, "must be private, public or unlisted");
    } else if constexpr (std::is_same_v<T, Seo>) {
        return object_of(seo_members());
    } else if constexpr (std::is_same_v<T, Cta>) {
        return object_of(cta_members());
    } else {
        static_assert(std::is_same_v<T, Outline>, "a member type without a reader");
        return object_of(outline_members());
    }
}

template <typename T>
struct Unwrapped {
    using type = T;
};
template <typename T>
struct Unwrapped<std::optional<T>> {
    using type = T;
};

template <auto Member>
void decode_member(Distribution& d, const json::value& v, const std::string& path,
                   FieldErrors& errors) {
    using Stored = std::remove_cvref_t<decltype(d.*Member)>;
    static const auto read = reader_for<typename Unwrapped<Stored>::type>();
    if (auto value = read(v, path, errors)) d.*Member = std::move(*value);
}

enum Reporting : bool { kNotReported = false, kReported = true };
enum Presence : bool { kOptional = false, kRequired = true };

template <auto Member>
constexpr DistributionField field(std::string_view name, Reporting reported_as_updated,
                                  Presence presence = kOptional) {
    return DistributionField{name, &encode_member<Member>, &decode_member<Member>,
                             presence == kRequired, reported_as_updated == kReported};
}

using D = Distribution;
constexpr std::array kFields{
    field<&D::distribution_id>("distribution_id", kNotReported),
    field<&D::course_id>("course_id", kNotReported, kRequired),
    field<&D::slug>("slug", kReported, kRequired),
    field<&D::language>("language", kReported, kRequired),
    field<&D::title>("title", kReported, kRequired),
    field<&D::description>("description", kReported, kRequired),
    field<&D::target_group>("target_group", kReported),
    field<&D::version>("version", kNotReported),
    field<&D::derived_from>("derived_from", kNotReported),
    field<&D::seo>("seo", kReported, kRequired),
    field<&D::cta>("cta", kReported, kRequired),
    field<&D::visibility>("visibility", kReported),
    field<&D::published_at>("published_at", kNotReported),
    field<&D::staging_url>("staging_url", kReported),
    field<&D::staging_deployed_at>("staging_deployed_at", kReported),
    field<&D::outline>("outline", kReported),
    field<&D::view_count>("view_count", kNotReported),
    field<&D::enrollment_count>("enrollment_count", kNotReported),
    field<&D::created_at>("created_at", kNotReported, kRequired),
    field<&D::updated_at>("updated_at", kNotReported, kRequired),
};

}  // namespace

std::span<const DistributionField> distribution_fields() {
    return kFields;
}

}  // namespace coursedist::domain
