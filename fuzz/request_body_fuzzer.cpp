// Fuzzes the admin API's untrusted bodies the way the service handles them: the first byte picks
// the body type, the rest is the body. It is parsed by http::json_body (the handlers' parser),
// decoded by the body type's domain decoder and, when that succeeds, applied to a distribution
// that domain::validate then checks, as DistributionService does before writing.
//
// Invariants: nothing crashes, leaks or trips a sanitizer; a decoded body holds valid UTF-8 only
// (invalid UTF-8 is a field error); field errors are valid UTF-8 and say what is wrong.

#include "domain/defaults.hpp"
#include "domain/requests.hpp"
#include "domain/slug.hpp"
#include "domain/unicode.hpp"
#include "domain/validation.hpp"
#include "domain/variant.hpp"
#include "fuzz_check.hpp"
#include "http/request_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace coursedist;

void check_errors(const domain::FieldErrors& errors) {
    for (const auto& error : errors) {
        // An empty field is the body itself (not an object); a field name is echoed in the
        // problem+json answer, so it must be valid UTF-8 whatever keys the body had.
        FUZZ_CHECK(domain::is_valid_utf8(error.field));
        FUZZ_CHECK(!error.message.empty());
    }
}

template <typename Decoded>
bool decoded_ok(const Decoded& decoded) {
    check_errors(decoded.errors);
    return decoded.ok();
}

// A stored distribution that passes validation: the base for updates and the parent of variants.
domain::Distribution valid_distribution() {
    domain::Distribution d;
    d.distribution_id = "dist_0123456789abcdef";
    d.course_id = "course-1";
    d.slug = "fuzzing-for-beginners";
    d.language = "en";
    d.title = "Fuzzing for beginners";
    d.description = "A course on feeding programs random input until they break, and fixing them.";
    d.target_group = {"developers"};
    d.seo = domain::default_seo(d.title, d.description);
    d.cta = domain::default_cta(d.language);
    return d;
}

void check_validation(const domain::Distribution& d) {
    check_errors(domain::validate(d));
}

void fuzz_create(const boost::json::value& body) {
    auto decoded = domain::decode_create(body);
    if (!decoded_ok(decoded)) return;
    const auto& request = decoded.value;
    FUZZ_CHECK(domain::is_valid_utf8(request.title));
    FUZZ_CHECK(domain::is_valid_utf8(request.description));
    check_validation(domain::distribution_from(request, "abc123"));
}

void fuzz_update(const boost::json::value& body) {
    auto decoded = domain::decode_update(body);
    if (!decoded_ok(decoded)) return;
    const auto& request = decoded.value;
    FUZZ_CHECK(request.visibility != domain::Visibility::Public);
    auto d = valid_distribution();
    domain::apply(request, d);
    check_validation(d);
}

void fuzz_variant(const boost::json::value& body) {
    auto decoded = domain::decode_variant(body);
    if (!decoded_ok(decoded)) return;
    const auto parent = valid_distribution();
    auto child = domain::derive_variant(parent, decoded.value);
    child.slug =
        decoded.value.slug.value_or(domain::variant_base_slug(parent, decoded.value.target_group));
    check_validation(child);
}

void fuzz_log_view(const boost::json::value& body) {
    auto decoded = domain::decode_log_view(body);
    if (!decoded_ok(decoded) || !decoded.value.referrer_category) return;
    bool known = false;
    for (const char* category : domain::kReferrerCategories)
        known = known || *decoded.value.referrer_category == category;
    FUZZ_CHECK(known);
}

void fuzz_track_click(const boost::json::value& body) {
    auto decoded = domain::decode_track_click(body);
    if (decoded_ok(decoded) && decoded.value.cta_type)
        FUZZ_CHECK(domain::is_valid_utf8(*decoded.value.cta_type));
}

void fuzz_version_bump(const boost::json::value& body) {
    auto decoded = domain::decode_version_bump(body);
    if (decoded_ok(decoded) && decoded.value.changelog)
        FUZZ_CHECK(domain::is_valid_utf8(*decoded.value.changelog));
}

using BodyFuzzer = void (*)(const boost::json::value&);
constexpr BodyFuzzer kBodyTypes[] = {fuzz_create,   fuzz_update,      fuzz_variant,
                                     fuzz_log_view, fuzz_track_click, fuzz_version_bump};
constexpr std::size_t kBodyTypeCount = sizeof kBodyTypes / sizeof kBodyTypes[0];
// Bodies the service accepts empty (an optional body is JSON null then).
constexpr bool kOptionalBody[kBodyTypeCount] = {false, false, false, true, true, true};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::size_t type = data[0] % kBodyTypeCount;
    http::Request request;
    request.method = "POST";
    request.headers.emplace_back("content-type", "application/json");
    request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    boost::json::value body;
    try {
        body = http::json_body(request, kOptionalBody[type]);
    } catch (const http::HttpError&) {
        return 0;  // 400: not JSON; nothing reaches the decoders
    }
    kBodyTypes[type](body);
    return 0;
}
