#pragma once
// Landing pages rendered once per content version, with the counters left out. A view changes
// only the counters, so the page around them is rendered when the course (or the templates)
// change, not on every visit; a visit splices its counters in.

#include "http/compression.hpp"

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace coursedist::web {

// How many landing pages are kept, here and per slug by the page routes (~9 kB a page: a few MB).
inline constexpr std::size_t kKeptLandingPages = 512;

// A rendered page cut where the counters go; each side also compressed once, as parts of a gzip
// body (http/compression.hpp) that only needs the counters compressed per view.
struct PageAroundCounters {
    std::string before;
    std::string after;
    http::DeflatedPart before_deflated;  // ends with a full flush
    http::DeflatedPart after_deflated;   // ends the deflate stream
};

class LandingCache {
  public:
    explicit LandingCache(std::size_t max_entries) : max_entries_(max_entries) {}

    // Keyed by the landing ETag, which covers everything the page shows except the counters.
    std::shared_ptr<const PageAroundCounters> find(const std::string& etag) const {
        std::lock_guard lock(mutex_);
        auto it = pages_.find(etag);
        return it == pages_.end() ? nullptr : it->second;
    }

    void store(const std::string& etag, std::shared_ptr<const PageAroundCounters> page) {
        std::lock_guard lock(mutex_);
        // Bounded memory: past the bound start afresh (hot pages come back at once).
        if (pages_.size() >= max_entries_) pages_.clear();
        pages_[etag] = std::move(page);
    }

  private:
    std::size_t max_entries_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const PageAroundCounters>> pages_;
};

}  // namespace coursedist::web
