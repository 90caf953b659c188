#include "service/distribution_service.hpp"

#include "domain/defaults.hpp"
#include "domain/etag.hpp"
#include "domain/events.hpp"
#include "domain/json_codec.hpp"
#include "domain/slug.hpp"
#include "domain/unicode.hpp"
#include "domain/validation.hpp"
#include "domain/variant.hpp"
#include "domain/version.hpp"
#include "service/cursor.hpp"
#include "service/errors.hpp"
#include "service/ids.hpp"
#include "service/slugs.hpp"
#include "service/write_scope.hpp"

#include <boost/json/serialize.hpp>

#include <chrono>
#include <utility>

namespace coursedist::service {

namespace json = boost::json;
using domain::Distribution;
using domain::Visibility;

double system_clock_now() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

DistributionService::DistributionService(storage::Store& store, Metrics& metrics, Clock clock,
                                         ServiceOptions options)
    : store_(store), metrics_(metrics), clock_(std::move(clock)), options_(options) {
    metrics_.describe("coursedist_events_produced_total",
                      "Events committed to the outbox, by type.");
    metrics_.describe("coursedist_group_commit_batches_total",
                      "Batches of counter writes (views, clicks), each one transaction.");
    metrics_.describe("coursedist_group_commit_writes_total",
                      "Counter writes committed through those batches.");
}

namespace {

Distribution require(storage::Transaction& tx, const std::string& id) {
    auto d = tx.find(id);
    if (!d) throw NotFound("no distribution " + id);
    return std::move(*d);
}

// Refuses a slug another distribution has, as its current slug or as an old one (reserved for it
// until released); a deleted distribution's slug is free.
void require_free_slug(storage::Transaction& tx, const std::string& slug,
                       const std::string& distribution_id) {
    const auto held = tx.find_slug(slug);
    if (!held || held->deleted || held->distribution_id == distribution_id) return;
    const auto holder = tx.find(held->distribution_id);
    if (holder && holder->slug != slug)
        throw Conflict("slug '" + slug + "' is an old slug of another distribution (" +
                       held->distribution_id + "); it redirects there until released");
    throw Conflict("slug '" + slug + "' is taken");
}

void require_valid(const Distribution& d) {
    auto errors = domain::validate(d);
    if (!errors.empty()) throw ValidationFailed(std::move(errors));
}

// Generated slugs retry when another writer took the same one between our check and our insert
// (possible on PostgreSQL; SQLite serialises writers).
constexpr int kSlugAttempts = 5;

}  // namespace

Distribution DistributionService::create(const domain::CreateRequest& request,
                                         const RequestContext& ctx) {
    Distribution d = domain::distribution_from(request, random_hex(6));
    require_valid(d);

    for (int attempt = 1;; ++attempt) {
        try {
            return write(ctx, [&](storage::Transaction& tx, Changes& changes) {
                Distribution created = d;
                created.distribution_id = new_distribution_id();
                if (request.slug) {
                    require_free_slug(tx, created.slug, created.distribution_id);
                } else {
                    created.slug = free_slug(tx, d.slug);
                }
                created.created_at = created.updated_at = changes.now();
                tx.insert(created);
                changes.emit(domain::event_type::kCreated, domain::created_payload(created));
                return created;
            });
        } catch (const storage::SlugTaken& taken) {
            if (request.slug || attempt == kSlugAttempts)
                throw Conflict("slug '" + taken.slug() + "' is taken");
        }
    }
}

Distribution DistributionService::update(const std::string& id,
                                         const domain::UpdateRequest& request,
                                         const std::optional<std::string>& if_match,
                                         const RequestContext& ctx) {
    // Publishing goes through publish(): it sets published_at and emits `published`.
    if (request.visibility == Visibility::Public)
        throw ValidationFailed(domain::FieldErrors{
            {"visibility",
             "cannot be set to public here: use POST /api/distributions/{id}/publish"}});
    try {
        return write(ctx, [&](storage::Transaction& tx, Changes& changes) {
            Distribution before = require(tx, id);
            if (if_match && *if_match != "*" && *if_match != domain::admin_etag(before))
                throw PreconditionFailed("the distribution changed since it was read");
            Distribution after = before;
            domain::apply(request, after);
            require_valid(after);
            after.updated_at = changes.now();
            auto payload = domain::updated_payload(before, after);
            if (!payload) return before;  // nothing changed: no write, no event
            if (after.slug != before.slug) require_free_slug(tx, after.slug, id);
            tx.update(after);
            changes.emit(domain::event_type::kUpdated, std::move(*payload));
            if (before.visibility == Visibility::Public && after.visibility != Visibility::Public)
                changes.emit(
                    domain::event_type::kUnpublished,
                    domain::unpublished_payload(after, changes.now(), "visibility_changed"));
            return after;
        });
    } catch (const storage::SlugTaken& taken) {
        throw Conflict("slug '" + taken.slug() + "' is taken");
    }
}

void DistributionService::remove(const std::string& id, const RequestContext& ctx) {
    write(ctx, [&](storage::Transaction& tx, Changes& changes) {
        Distribution d = require(tx, id);
        if (!tx.variants_of(id).empty())
            throw Conflict("distribution " + id + " has variants; delete them first");
        // Its counts not yet described by an event are, before the deletion's own.
        for (const auto& window : tx.take_windows_of(id)) emit_window(changes, window);
        tx.remove(id);
        changes.emit(domain::event_type::kDeleted,
                     domain::deleted_payload(d, changes.now(), ctx.actor));
        return 0;
    });
}

VisibilityChange DistributionService::publish(const std::string& id, const RequestContext& ctx) {
    return write(ctx, [&](storage::Transaction& tx, Changes& changes) {
        Distribution d = require(tx, id);
        if (d.visibility != Visibility::Public) {
            d.visibility = Visibility::Public;
            d.published_at = d.updated_at = changes.now();
            tx.update(d);
            changes.emit(domain::event_type::kPublished, domain::published_payload(d));
        }
        return VisibilityChange{d.distribution_id, d.visibility, d.published_at};
    });
}

VisibilityChange DistributionService::unpublish(const std::string& id, const RequestContext& ctx) {
    return write(ctx, [&](storage::Transaction& tx, Changes& changes) {
        Distribution before = require(tx, id);
        if (before.visibility != Visibility::Private) {
            Distribution after = before;
            after.visibility = Visibility::Private;
            after.updated_at = changes.now();
            tx.update(after);
            if (before.visibility == Visibility::Public)
                changes.emit(domain::event_type::kUnpublished,
                             domain::unpublished_payload(after, changes.now(), "unpublished"));
            else
                changes.emit(domain::event_type::kUpdated, *domain::updated_payload(before, after));
            return VisibilityChange{after.distribution_id, after.visibility, after.published_at};
        }
        return VisibilityChange{before.distribution_id, before.visibility, before.published_at};
    });
}

Distribution DistributionService::create_variant(const std::string& parent_id,
                                                 const domain::VariantRequest& request,
                                                 const RequestContext& ctx) {
    for (int attempt = 1;; ++attempt) {
        try {
            return write(ctx, [&](storage::Transaction& tx, Changes& changes) {
                Distribution parent = require(tx, parent_id);
                Distribution child = domain::derive_variant(parent, request);
                child.distribution_id = new_distribution_id();
                child.slug =
                    request.slug.value_or(domain::variant_base_slug(parent, request.target_group));
                require_valid(child);
                if (request.slug) {
                    require_free_slug(tx, child.slug, child.distribution_id);
                } else {
                    child.slug = free_slug(tx, child.slug);
                }
                child.created_at = child.updated_at = changes.now();
                tx.insert(child);
                changes.emit(domain::event_type::kCreated, domain::created_payload(child));
                changes.emit(
                    domain::event_type::kMicroNicheCreated,
                    domain::micro_niche_created_payload(parent, child, request.title_override));
                return child;
            });
        } catch (const storage::SlugTaken& taken) {
            if (request.slug || attempt == kSlugAttempts)
                throw Conflict("slug '" + taken.slug() + "' is taken");
        }
    }
}

VersionBump DistributionService::bump_version(const std::string& id,
                                              const std::optional<std::string>& changelog,
                                              const RequestContext& ctx) {
    return write(ctx, [&](storage::Transaction& tx, Changes& changes) {
        Distribution d = require(tx, id);
        auto next = domain::next_version(d.version);
        if (!next)
            throw ValidationFailed(
                domain::FieldErrors{{"version", "cannot bump version " + d.version}});
        std::string old_version = d.version;
        d.version = *next;
        d.updated_at = changes.now();
        tx.update(d);
        tx.add_changelog(id, domain::ChangelogEntry{d.version, changelog, changes.now()});
        changes.emit(domain::event_type::kVersionBumped,
                     domain::version_bumped_payload(d, old_version, changes.now(), changelog));
        return VersionBump{id, old_version, d.version};
    });
}

CounterWrite CounterWrite::view(std::string id, std::optional<std::string> referrer_category) {
    return {storage::Counter::Views, Target::Id, std::move(id), std::move(referrer_category), {}};
}

CounterWrite CounterWrite::click(std::string id, std::optional<std::string> cta_type) {
    return {storage::Counter::Enrollments, Target::Id, std::move(id), std::move(cta_type), {}};
}

CounterWrite CounterWrite::page_view(std::string slug,
                                     std::optional<std::string> referrer_category) {
    return {storage::Counter::Views,
            Target::ReadableSlug,
            std::move(slug),
            std::move(referrer_category),
            {}};
}

CounterWrite CounterWrite::page_click(std::string slug, std::optional<std::string> cta_type) {
    return {storage::Counter::Enrollments,
            Target::ReadableSlug,
            std::move(slug),
            std::move(cta_type),
            {}};
}

void DistributionService::count(CounterWrite write, RequestContext ctx,
                                Completion<CounterUpdate> done) {
    auto pending = std::make_shared<PendingWrite>(
        PendingWrite{std::move(write), std::move(ctx), std::nullopt, nullptr});
    // The outcome takes the error away from the pending write rather than sharing it: the
    // completion hands it to another thread, and an exception shared between threads is freed
    // by whichever drops it last, behind a reference count ThreadSanitizer cannot see.
    counter_writes_.submit(*pending, [pending, done = std::move(done)] {
        done(pending->error ? Outcome<CounterUpdate>(std::exchange(pending->error, nullptr))
                            : Outcome<CounterUpdate>(std::move(*pending->result)));
    });
}

CounterUpdate DistributionService::count(CounterWrite write, const RequestContext& ctx) {
    PendingWrite pending{std::move(write), ctx, std::nullopt, nullptr};
    counter_writes_.submit(pending);
    if (pending.error) std::rethrow_exception(pending.error);
    return *pending.result;
}

namespace {
Distribution require_readable(storage::Transaction& tx, const std::string& slug) {
    auto d = tx.find_by_slug(slug);
    if (d && d->publicly_readable()) return std::move(*d);
    if (!d) {
        // Not a current slug: an old one (Moved, while its course is readable) or a deleted
        // distribution's (Gone)?
        if (const auto held = tx.find_slug(slug)) {
            if (held->deleted) throw Gone("course " + slug + " was deleted");
            const auto current = tx.find(held->distribution_id);
            if (current && current->publicly_readable()) throw Moved(current->slug);
        }
    }
    throw NotFound("no course " + slug);
}

std::optional<std::string> parent_slug(storage::Transaction& tx, const Distribution& d) {
    if (!d.derived_from) return std::nullopt;
    auto parent = tx.find(*d.derived_from);
    return parent ? std::optional(parent->slug) : std::nullopt;
}
}  // namespace

Distribution DistributionService::get(const std::string& id) {
    auto tx = store_.begin_read();
    return require(*tx, id);
}

std::vector<Distribution> DistributionService::variants(const std::string& parent_id) {
    auto tx = store_.begin_read();
    require(*tx, parent_id);
    return tx->variants_of(parent_id);
}

std::vector<domain::ChangelogEntry> DistributionService::changelog(const std::string& id) {
    auto tx = store_.begin_read();
    require(*tx, id);
    return tx->changelog(id);
}

PublicDetail DistributionService::public_detail(const std::string& slug) {
    auto tx = store_.begin_read();
    PublicDetail detail;
    detail.distribution = require_readable(*tx, slug);
    detail.derived_from_slug = parent_slug(*tx, detail.distribution);
    detail.experiment = tx->running_experiment(detail.distribution.distribution_id);
    return detail;
}

std::vector<storage::SlugRecord> DistributionService::old_slugs(const std::string& id) {
    auto tx = store_.begin_read();
    require(*tx, id);
    return tx->old_slugs(id);
}

void DistributionService::release_old_slug(const std::string& id, const std::string& slug) {
    // No event: the distribution itself does not change.
    write(RequestContext{}, [&](storage::Transaction& tx, Changes&) {
        require(tx, id);
        if (!tx.release_slug(id, slug)) throw NotFound("no old slug " + slug + " of " + id);
        return 0;
    });
}

ListResult DistributionService::list(const ListRequest& request) {
    storage::ListQuery query;
    query.catalog = request.catalog;
    query.language = request.language;
    query.target_group = request.target_group;
    if (request.q && !request.q->empty()) query.text = domain::fold_case(*request.q);
    query.visibility = request.visibility;
    query.limit = request.limit;
    if (request.cursor) {
        query.after = decode_cursor(*request.cursor);
        if (!query.after)
            throw ValidationFailed(
                domain::FieldErrors{{"cursor", "not a cursor this service issued"}});
    }
    auto tx = store_.begin_read();
    auto page = tx->list(query);
    ListResult result{std::move(page.items), std::nullopt};
    if (page.next) result.next_cursor = encode_cursor(*page.next);
    return result;
}

std::int64_t DistributionService::count_public() {
    auto tx = store_.begin_read();
    return tx->count_public();
}

}  // namespace coursedist::service
