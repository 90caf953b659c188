#pragma once
// Rendered public views (catalog pages, course details, outlines, landing pages) kept between
// requests. An entry is served while the generation it was made under is current (no write that
// could change it has committed in this process since), and for at most `ttl`, which bounds how
// stale it can be when other instances write to the same database.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace coursedist::service {

template <typename View>
class GenerationCache {
  public:
    using Clock = std::chrono::steady_clock;
    GenerationCache(std::chrono::milliseconds ttl, std::size_t max_entries)
        : ttl_(ttl), max_entries_(max_entries) {}

    std::shared_ptr<const View> find(std::string_view key, std::uint64_t generation) {
        if (!enabled()) return nullptr;
        std::lock_guard lock(mutex_);
        auto it = entries_.find(std::string(key));
        if (it == entries_.end()) return nullptr;
        if (it->second.generation != generation || it->second.expires <= Clock::now()) {
            entries_.erase(it);
            return nullptr;
        }
        return it->second.view;
    }

    void store(std::string key, std::shared_ptr<const View> view, std::uint64_t generation) {
        if (!enabled()) return;
        std::lock_guard lock(mutex_);
        // Entries of older generations are dead weight: start over rather than track recency.
        if (entries_.size() >= max_entries_) entries_.clear();
        entries_.insert_or_assign(std::move(key),
                                  Entry{std::move(view), generation, Clock::now() + ttl_});
    }

    bool enabled() const { return ttl_.count() > 0; }

  private:
    struct Entry {
        std::shared_ptr<const View> view;
        std::uint64_t generation;
        Clock::time_point expires;
    };
    std::chrono::milliseconds ttl_;
    std::size_t max_entries_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

struct CachedView {
    std::string body;
    std::string etag;
};

using ViewCache = GenerationCache<CachedView>;

}  // namespace coursedist::service
