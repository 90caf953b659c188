#include "service/seo_index.hpp"

#include "domain/event.hpp"
#include "service/errors.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace coursedist::service {

namespace json = boost::json;
using domain::Distribution;

namespace {

constexpr int kOutboxBatch = 1000;
constexpr int kLoadPage = 100;

// The distribution an outbox event is about; "" for the counter events, which change no text.
std::string distribution_of(const storage::OutboxEvent& event) {
    if (event.event_type == domain::event_type::kViewed ||
        event.event_type == domain::event_type::kEnrollmentClicked)
        return {};
    boost::system::error_code ec;
    const auto envelope = json::parse(event.envelope_json, ec);
    if (ec || !envelope.is_object()) return {};
    const auto* payload = envelope.as_object().if_contains("payload");
    if (!payload || !payload->is_object()) return {};
    const auto* id = payload->as_object().if_contains("distribution_id");
    return id && id->is_string() ? std::string(id->as_string()) : std::string();
}

}  // namespace

void SeoIndex::load(storage::Transaction& tx) {
    // The position first: what commits while the catalog is read is applied again (idempotent).
    for (auto batch = tx.outbox_after(position_, kOutboxBatch); !batch.empty();
         batch = tx.outbox_after(position_, kOutboxBatch))
        position_ = batch.back().seq;
    storage::ListQuery query;
    query.limit = kLoadPage;
    for (;;) {
        auto page = tx.list(query);
        for (const auto& d : page.items) put(d);
        if (!page.next) break;
        query.after = page.next;
    }
    loaded_ = true;
}

void SeoIndex::sync(storage::Transaction& tx) {
    if (!loaded_) return load(tx);
    for (auto batch = tx.outbox_after(position_, kOutboxBatch); !batch.empty();
         batch = tx.outbox_after(position_, kOutboxBatch)) {
        // Events missing after the position (the event log's retention pruned them before they
        // were applied, or a rolled-back append left a gap): what they changed is unknown, so
        // the catalog is read again.
        if (batch.front().seq != position_ + 1) {
            entries_.clear();
            frequency_.clear();
            by_meta_title_.clear();
            by_first_keyword_.clear();
            return load(tx);
        }
        std::set<std::string> changed;
        for (const auto& event : batch) {
            auto id = distribution_of(event);
            if (!id.empty()) changed.insert(std::move(id));
        }
        for (const auto& id : changed) {
            if (auto d = tx.find(id))
                put(*d);
            else
                drop(id);
        }
        position_ = batch.back().seq;
    }
}

void SeoIndex::put(const Distribution& d) {
    drop(d.distribution_id);
    Entry entry;
    entry.slug = d.slug;
    entry.language = d.language;
    entry.is_public = d.visibility == domain::Visibility::Public;
    for (auto& [term, count] : domain::distribution_terms(d)) {
        ++frequency_[term];
        entry.terms.push_back(term);
    }
    entry.meta_title = domain::keyword_key(d.seo.meta_title);
    by_meta_title_[entry.meta_title].insert(d.distribution_id);
    if (!d.seo.keywords.empty()) entry.first_keyword = domain::keyword_key(d.seo.keywords.front());
    if (entry.is_public && !entry.first_keyword.empty())
        by_first_keyword_[{entry.language, entry.first_keyword}].insert(d.distribution_id);
    entries_.emplace(d.distribution_id, std::move(entry));
}

void SeoIndex::drop(const std::string& id) {
    const auto it = entries_.find(id);
    if (it == entries_.end()) return;
    const Entry& entry = it->second;
    for (const auto& term : entry.terms)
        if (const auto f = frequency_.find(term); f != frequency_.end() && --f->second == 0)
            frequency_.erase(f);
    auto forget = [&id](auto& map, const auto& key) {
        if (auto found = map.find(key); found != map.end()) {
            found->second.erase(id);
            if (found->second.empty()) map.erase(found);
        }
    };
    forget(by_meta_title_, entry.meta_title);
    forget(by_first_keyword_, LanguageKeyword{entry.language, entry.first_keyword});
    entries_.erase(it);
}

std::vector<std::string> SeoIndex::slugs_of(const std::set<std::string>& ids,
                                            const std::string& except) const {
    std::vector<std::string> slugs;
    for (const auto& id : ids)
        if (id != except) slugs.push_back(entries_.at(id).slug);
    std::sort(slugs.begin(), slugs.end());
    return slugs;
}

SeoReport SeoIndex::report(const std::string& id) {
    auto tx = store_.begin_read();
    auto d = tx->find(id);
    if (!d) throw NotFound("no distribution " + id);
    std::lock_guard lock(mutex_);
    sync(*tx);
    put(*d);  // as read now, whether or not its event was already applied

    SeoReport report;
    const auto documents = static_cast<std::int64_t>(entries_.size());
    report.keyword_suggestions = domain::rank_keywords(
        domain::distribution_terms(*d), documents, [this](std::string_view term) {
            const auto f = frequency_.find(std::string(term));
            return f == frequency_.end() ? std::int64_t{0} : f->second;
        });
    const auto keyword = domain::first_keyword(*d, report.keyword_suggestions);
    domain::CatalogOverlap overlap;
    if (const auto same = by_meta_title_.find(domain::keyword_key(d->seo.meta_title));
        same != by_meta_title_.end())
        overlap.same_meta_title = slugs_of(same->second, id);
    if (const auto same = by_first_keyword_.find({d->language, domain::keyword_key(keyword)});
        same != by_first_keyword_.end())
        overlap.same_first_keyword = slugs_of(same->second, id);
    report.checks = domain::seo_checks(*d, keyword, overlap);
    return report;
}

std::size_t SeoIndex::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace coursedist::service
