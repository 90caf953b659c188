// Fuzzes slug generation (domain::slugify, slug_with_suffix) with arbitrary text: titles come from
// admins and from consumed events, so any bytes may arrive, valid UTF-8 or not.
//
// Invariants: slugify always yields a valid slug (pattern, 5-100 characters) that is not reserved;
// slug_with_suffix(base, n) stays valid, within 100 characters and ends in `-n`.

#include "domain/slug.hpp"
#include "fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

using namespace coursedist;

bool valid_slug(const std::string& slug) {
    return domain::is_valid_slug_pattern(slug) && slug.size() >= domain::kSlugMin &&
           slug.size() <= domain::kSlugMax;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the collision counter n of slug_with_suffix (2-257).
    const int n = 2 + data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

    const auto normalized = domain::normalize_slug(text);
    FUZZ_CHECK(normalized.size() <= domain::kSlugMax);
    FUZZ_CHECK(normalized.empty() || domain::is_valid_slug_pattern(normalized));

    const auto slug = domain::slugify(text, "0a1b2c");
    FUZZ_CHECK(valid_slug(slug));
    FUZZ_CHECK(!domain::is_reserved_slug(slug));

    const auto suffixed = domain::slug_with_suffix(slug, n);
    FUZZ_CHECK(valid_slug(suffixed));
    FUZZ_CHECK(suffixed.ends_with("-" + std::to_string(n)));
    return 0;
}
