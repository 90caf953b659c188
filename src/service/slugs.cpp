#include "service/slugs.hpp"

#include "domain/slug.hpp"

namespace coursedist::service {

bool slug_is_free(storage::Transaction& tx, std::string_view slug) {
    return !domain::is_reserved_slug(slug) && !tx.slug_exists(slug);
}

std::string free_slug(storage::Transaction& tx, std::string_view base) {
    std::string candidate(base);
    for (int n = 2; !slug_is_free(tx, candidate); ++n)
        candidate = domain::slug_with_suffix(base, n);
    return candidate;
}

std::vector<std::string> suggest_slugs(storage::Transaction& tx, std::string_view title,
                                       std::string_view language, std::string_view random_hex6) {
    const std::string full = domain::slugify(title, random_hex6);
    std::vector<std::string> slugs{free_slug(tx, full)};
    const std::string short_form = domain::short_slug(title, language);
    if (short_form.size() >= domain::kSlugMin && short_form != full) {
        auto free = free_slug(tx, short_form);
        if (free != slugs.front()) slugs.push_back(std::move(free));
    }
    return slugs;
}

}  // namespace coursedist::service
