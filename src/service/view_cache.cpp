#include "service/view_cache.hpp"

namespace coursedist::service {

ViewCache::ViewCache(std::chrono::milliseconds ttl, std::size_t max_entries)
    : ttl_(ttl), max_entries_(max_entries) {}

std::shared_ptr<const CachedView> ViewCache::find(std::string_view key, std::uint64_t generation) {
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

void ViewCache::store(std::string key, std::shared_ptr<const CachedView> view,
                      std::uint64_t generation) {
    if (!enabled()) return;
    std::lock_guard lock(mutex_);
    // Entries of older generations are dead weight: start over rather than track recency.
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_.insert_or_assign(std::move(key),
                              Entry{std::move(view), generation, Clock::now() + ttl_});
}

}  // namespace coursedist::service
