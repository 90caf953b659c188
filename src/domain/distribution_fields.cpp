#include "domain/distribution_fields.hpp"

#include "domain/json_codec.hpp"

#include <boost/json.hpp>

#include <array>

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

template <auto Member>
constexpr DistributionField field(std::string_view name, bool reported_as_updated) {
    return DistributionField{name, &encode_member<Member>, reported_as_updated};
}

constexpr bool kReported = true;
constexpr bool kNotReported = false;

using D = Distribution;
constexpr std::array kFields{
    field<&D::distribution_id>("distribution_id", kNotReported),
    field<&D::course_id>("course_id", kNotReported),
    field<&D::slug>("slug", kReported),
    field<&D::language>("language", kReported),
    field<&D::title>("title", kReported),
    field<&D::description>("description", kReported),
    field<&D::target_group>("target_group", kReported),
    field<&D::version>("version", kNotReported),
    field<&D::derived_from>("derived_from", kNotReported),
    field<&D::seo>("seo", kReported),
    field<&D::cta>("cta", kReported),
    field<&D::visibility>("visibility", kReported),
    field<&D::published_at>("published_at", kNotReported),
    field<&D::staging_url>("staging_url", kReported),
    field<&D::staging_deployed_at>("staging_deployed_at", kReported),
    field<&D::outline>("outline", kReported),
    field<&D::view_count>("view_count", kNotReported),
    field<&D::enrollment_count>("enrollment_count", kNotReported),
    field<&D::created_at>("created_at", kNotReported),
    field<&D::updated_at>("updated_at", kNotReported),
};

}  // namespace

std::span<const DistributionField> distribution_fields() {
    return kFields;
}

}  // namespace coursedist::domain
