#pragma once
// Rendered public views (catalog pages, course details, outlines) kept between requests. An entry
// is served while no write has committed in this process since it was rendered, and for at most
// `ttl`, which bounds how stale it can be when other instances write to the same database.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace coursedist::service {

struct CachedView {
    std::string body;
    std::string etag;
};

class ViewCache {
  public:
    using Clock = std::chrono::steady_clock;
    ViewCache(std::chrono::milliseconds ttl, std::size_t max_entries);

    std::shared_ptr<const CachedView> find(std::string_view key, std::uint64_t generation);
    void store(std::string key, std::shared_ptr<const CachedView> view, std::uint64_t generation);
    bool enabled() const { return ttl_.count() > 0; }

  private:
    struct Entry {
        std::shared_ptr<const CachedView> view;
        std::uint64_t generation;
        Clock::time_point expires;
    };
    std::chrono::milliseconds ttl_;
    std::size_t max_entries_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace coursedist::service
