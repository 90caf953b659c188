#pragma once
// The catalog's side of the SEO report (growth.md), kept in memory and up to date as
// distributions change, so that a report never scans the catalog: every distribution's terms
// (domain::distribution_terms), how many distributions have each term, and who has which meta
// title and (public ones, by language) which first keyword. Loaded once, at the first report;
// after that it follows the outbox: each committed distribution event, from this instance or
// another on the same database, re-reads that one distribution (and a gap in the outbox, which
// its retention may leave, reads the catalog again).

#include "domain/keywords.hpp"
#include "storage/store.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace coursedist::service {

struct SeoReport {
    std::vector<domain::KeywordScore> keyword_suggestions;
    std::vector<domain::SeoCheck> checks;
};

class SeoIndex {
  public:
    explicit SeoIndex(storage::Store& store) : store_(store) {}

    // The report of distribution `id` (NotFound for an unknown one), after bringing the index up
    // to date with the outbox.
    SeoReport report(const std::string& id);

    // How many distributions the index holds (after the last report).
    std::size_t size() const;

  private:
    struct Entry {
        std::string slug;
        std::string language;
        bool is_public = false;
        std::vector<std::string> terms;
        std::string meta_title;     // domain::keyword_key of the meta title
        std::string first_keyword;  // domain::keyword_key of seo.keywords[0], "" without
    };
    using LanguageKeyword = std::pair<std::string, std::string>;

    void sync(storage::Transaction& tx);
    void load(storage::Transaction& tx);
    void put(const domain::Distribution& d);
    void drop(const std::string& id);
    std::vector<std::string> slugs_of(const std::set<std::string>& ids,
                                      const std::string& except) const;

    storage::Store& store_;
    mutable std::mutex mutex_;
    bool loaded_ = false;
    std::int64_t position_ = 0;  // the last outbox seq applied
    std::unordered_map<std::string, Entry> entries_;
    std::unordered_map<std::string, std::int64_t> frequency_;  // term → distributions having it
    std::map<std::string, std::set<std::string>> by_meta_title_;
    std::map<LanguageKeyword, std::set<std::string>> by_first_keyword_;  // public ones only
};

}  // namespace coursedist::service
