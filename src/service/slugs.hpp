#pragma once
// Whether a slug is free for a distribution, decided in this one place: every generated slug (a
// create, a variant, a consumed event, a template instance) and every suggestion
// (GET /api/slugs/suggest, growth.md) asks it.

#include "storage/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace coursedist::service {

// Free: not a word of the routes (domain::is_reserved_slug) and not taken. Taken is what the
// store's slug_exists() answers: the current slugs, and the old slugs once the store keeps them
// (spec/seo-lifecycle.md) — the seam for that is slug_exists() alone.
bool slug_is_free(storage::Transaction& tx, std::string_view slug);

// `base` when free, else the first free `base-2`, `base-3`, …
std::string free_slug(storage::Transaction& tx, std::string_view base);

// The suggestions for a title (growth.md): the full slug (domain::slugify) and the short one
// without stop words of `language` (at most 6 words), each made free; the short one left out when
// it is the full one or under 5 characters. Never empty.
std::vector<std::string> suggest_slugs(storage::Transaction& tx, std::string_view title,
                                       std::string_view language, std::string_view random_hex6);

}  // namespace coursedist::service
