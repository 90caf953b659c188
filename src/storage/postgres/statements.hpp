#pragma once
// The named SQL of the PostgreSQL backend. Each pooled connection prepares them (see
// prepare_statements); the distribution statements are built from
// storage/distribution_columns.hpp; the listing query, whose shape depends on its filters, is
// built by list_query.hpp and sent unprepared.

#include "storage/distribution_columns.hpp"
#include "storage/sql_value.hpp"

#include <array>
#include <string>
#include <string_view>

namespace pqxx {
class connection_base;
}

namespace coursedist::storage::postgres {

struct Statement {
    std::string_view name;
    std::string sql;
};

// PostgreSQL's spelling of a statement parameter: `$3`, cast to its type.
std::string placeholder(int index, SqlType type);
// distribution_select() (storage/distribution_columns.hpp) with this condition.
std::string select_distributions_where(std::string_view condition);

inline const Statement kFindById{"find_by_id", select_distributions_where("distribution_id = $1")};
inline const Statement kFindBySlug{"find_by_slug", select_distributions_where("slug = $1")};
// Slugs (migration 7): a slug is taken while a distribution has it, current or old.
inline const Statement kSlugExists{
    "slug_exists", "SELECT 1 FROM distribution_slugs WHERE slug = $1 AND deleted_at IS NULL"};
#define COURSEDIST_PG_SLUG_COLUMNS \
    "s.slug, s.distribution_id, s.changed_at, s.deleted_at IS NOT NULL"
inline const Statement kFindSlug{"find_slug", "SELECT " COURSEDIST_PG_SLUG_COLUMNS
                                              " FROM distribution_slugs s WHERE s.slug = $1"};
inline const Statement kOldSlugs{
    "old_slugs",
    "SELECT " COURSEDIST_PG_SLUG_COLUMNS
    " FROM distribution_slugs s JOIN distributions d ON d.distribution_id = s.distribution_id"
    " WHERE s.distribution_id = $1 AND s.deleted_at IS NULL AND s.slug <> d.slug"
    " ORDER BY s.changed_at DESC, s.slug"};
#undef COURSEDIST_PG_SLUG_COLUMNS
inline const Statement kReleaseSlug{
    "release_slug",
    "DELETE FROM distribution_slugs WHERE distribution_id = $1 AND slug = $2"
    " AND deleted_at IS NULL"
    " AND slug NOT IN (SELECT slug FROM distributions WHERE distribution_id = $1)"};
inline const Statement kFindOriginal{
    "find_original", select_distributions_where("course_id = $1 AND derived_from IS NULL"
                                                " ORDER BY created_at, distribution_id LIMIT 1")};
inline const Statement kFindByCourse{
    "find_by_course",
    select_distributions_where("course_id = $1 ORDER BY created_at, distribution_id")};
inline const Statement kVariantsOf{
    "variants_of",
    select_distributions_where("derived_from = $1 ORDER BY created_at, distribution_id")};
inline const Statement kCountPublic{
    "count_public",
    "SELECT count(*) FROM distributions WHERE visibility = 'public' AND published_at IS NOT NULL"};
inline const Statement kInsertDistribution{"insert_distribution", distribution_insert(placeholder)};
inline const Statement kUpdateDistribution{"update_distribution", distribution_update(placeholder)};
inline const Statement kDeleteDistribution{"delete_distribution",
                                           "DELETE FROM distributions WHERE distribution_id = $1"};
#define COURSEDIST_PG_INCREMENT(counter) \
    "UPDATE distributions SET " counter " = " counter " + $2::bigint"
#define COURSEDIST_PG_BY_ID " WHERE distribution_id = $1"
#define COURSEDIST_PG_BY_READABLE_SLUG " WHERE slug = $1 AND visibility <> 'private'"
#define COURSEDIST_PG_COUNTED " RETURNING distribution_id, slug, view_count, enrollment_count"
inline const Statement kIncrementViews{"increment_views",
                                       COURSEDIST_PG_INCREMENT("view_count")
                                           COURSEDIST_PG_BY_ID COURSEDIST_PG_COUNTED};
inline const Statement kIncrementEnrollments{"increment_enrollments",
                                             COURSEDIST_PG_INCREMENT("enrollment_count")
                                                 COURSEDIST_PG_BY_ID COURSEDIST_PG_COUNTED};
inline const Statement kIncrementReadableViews{
    "increment_readable_views",
    COURSEDIST_PG_INCREMENT("view_count") COURSEDIST_PG_BY_READABLE_SLUG COURSEDIST_PG_COUNTED};
inline const Statement kIncrementReadableEnrollments{
    "increment_readable_enrollments", COURSEDIST_PG_INCREMENT("enrollment_count")
                                          COURSEDIST_PG_BY_READABLE_SLUG COURSEDIST_PG_COUNTED};
#undef COURSEDIST_PG_INCREMENT
#undef COURSEDIST_PG_BY_ID
#undef COURSEDIST_PG_BY_READABLE_SLUG
#undef COURSEDIST_PG_COUNTED

inline const Statement kAddToBucket{
    "add_to_bucket",
    "INSERT INTO counter_buckets (distribution_id, hour, kind, category, variant, count)"
    " VALUES ($1, $2::bigint, $3, $4, $5, $6::bigint)"
    " ON CONFLICT (distribution_id, hour, kind, category, variant)"
    " DO UPDATE SET count = counter_buckets.count + excluded.count"};
inline const Statement kBucketsOf{
    "buckets_of",
    "SELECT distribution_id, hour, kind, category, variant, count FROM counter_buckets"
    " WHERE distribution_id = $1 AND hour >= $2::bigint AND hour < $3::bigint"
    " ORDER BY hour, kind, category, variant"};
inline const Statement kPruneBuckets{
    "prune_buckets",
    "DELETE FROM counter_buckets WHERE (distribution_id, hour, kind, category, variant) IN"
    " (SELECT distribution_id, hour, kind, category, variant FROM counter_buckets"
    " WHERE hour < $1::bigint LIMIT $2::bigint)"};
inline const Statement kAddToWindow{
    "add_to_window",
    "INSERT INTO counter_windows (distribution_id, kind, category, slug, count, total, opened_at,"
    " last_at, correlation_id) VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint,"
    " $7::double precision, $8::double precision, $9)"
    " ON CONFLICT (distribution_id, kind, category) DO UPDATE SET"
    " count = counter_windows.count + excluded.count,"
    " total = greatest(counter_windows.total, excluded.total),"
    " last_at = greatest(counter_windows.last_at, excluded.last_at), slug = excluded.slug"};
#define COURSEDIST_PG_WINDOW_COLUMNS                                                      \
    " RETURNING distribution_id, slug, kind, category, count, total, opened_at, last_at," \
    " correlation_id"
inline const Statement kTakeWindows{"take_windows",
                                    "DELETE FROM counter_windows WHERE opened_at <= "
                                    "$1::double precision" COURSEDIST_PG_WINDOW_COLUMNS};
inline const Statement kTakeWindowsOf{
    "take_windows_of",
    "DELETE FROM counter_windows WHERE distribution_id = $1" COURSEDIST_PG_WINDOW_COLUMNS};
#undef COURSEDIST_PG_WINDOW_COLUMNS
inline const Statement kEarliestWindow{"earliest_window",
                                       "SELECT min(opened_at) FROM counter_windows"};

inline const Statement kInsertChangelog{
    "insert_changelog",
    "INSERT INTO changelog (distribution_id, version, changelog, bumped_at)"
    " VALUES ($1, $2, $3, $4::double precision)"};
inline const Statement kSelectChangelog{
    "select_changelog",
    "SELECT version, changelog, bumped_at FROM changelog WHERE distribution_id = $1"
    " ORDER BY bumped_at, id"};

// Outbox appends take this transaction-level lock first, so appending transactions commit one
// after another and seq order (assigned at insert) equals commit order: a reader paging by seq
// never sees seq n+1 committed while n is still in flight and then skips n.
inline constexpr long long kOutboxAppendLockKey = 0x636f7572'73650001LL;
// At most one transaction relays the outbox at a time, so rows are published in seq order even
// with several instances relaying.
inline constexpr long long kOutboxRelayLockKey = 0x636f7572'73650002LL;
// Migrations run under this lock, so two instances starting together apply them once.
inline constexpr long long kMigrationLockKey = 0x636f7572'73650003LL;

inline const Statement kLockOutboxAppend{"lock_outbox_append",
                                         "SELECT pg_advisory_xact_lock($1::bigint)"};
inline const Statement kTryLockOutboxRelay{"try_lock_outbox_relay",
                                           "SELECT pg_try_advisory_xact_lock($1::bigint)"};
inline const Statement kAppendOutbox{
    "append_outbox",
    "INSERT INTO outbox (event_id, event_type, envelope, created_at)"
    " VALUES ($1, $2, $3::json, $4::double precision) RETURNING seq"};
inline const Statement kOutboxAfter{
    "outbox_after",
    "SELECT seq, event_id, event_type, envelope, created_at FROM outbox WHERE seq > $1::bigint"
    " ORDER BY seq LIMIT $2::bigint"};
inline const Statement kUnpublishedOutbox{
    "unpublished_outbox",
    "SELECT seq, event_id, event_type, envelope, created_at FROM outbox"
    " WHERE published_at IS NULL ORDER BY seq LIMIT $1::bigint FOR UPDATE SKIP LOCKED"};
inline const Statement kMarkPublished{"mark_published",
                                      "UPDATE outbox SET published_at = $1::double precision"
                                      " WHERE seq = ANY($2::bigint[]) AND published_at IS NULL"};
// The outbox's pruning keeps what webhooks still need: webhook_sql.hpp (unprepared).
inline const Statement kOutboxBacklog{"outbox_backlog",
                                      "SELECT count(*) FROM outbox WHERE published_at IS NULL"};

inline const Statement kRecordProcessed{
    "record_processed",
    "INSERT INTO processed_events (subscriber_name, stream_name, stream_message_id, event_id,"
    " event_type, processed_at, tenant_id, metadata)"
    " VALUES ($1, $2, $3, $4, $5, to_timestamp($6::double precision), $7, $8::jsonb)"
    " ON CONFLICT (subscriber_name, stream_message_id) DO NOTHING"};

inline const std::array kPreparedStatements{
    &kFindById,
    &kFindBySlug,
    &kSlugExists,
    &kFindSlug,
    &kOldSlugs,
    &kReleaseSlug,
    &kFindOriginal,
    &kFindByCourse,
    &kVariantsOf,
    &kCountPublic,
    &kInsertDistribution,
    &kUpdateDistribution,
    &kDeleteDistribution,
    &kIncrementViews,
    &kIncrementEnrollments,
    &kIncrementReadableViews,
    &kIncrementReadableEnrollments,
    &kAddToBucket,
    &kBucketsOf,
    &kPruneBuckets,
    &kAddToWindow,
    &kTakeWindows,
    &kTakeWindowsOf,
    &kEarliestWindow,
    &kInsertChangelog,
    &kSelectChangelog,
    &kLockOutboxAppend,
    &kTryLockOutboxRelay,
    &kAppendOutbox,
    &kOutboxAfter,
    &kUnpublishedOutbox,
    &kMarkPublished,
    &kOutboxBacklog,
    &kRecordProcessed,
};

inline constexpr std::string_view kHasSchemaMigrations =
    "SELECT to_regclass('schema_migrations') IS NOT NULL";
inline constexpr std::string_view kSchemaVersion =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
inline constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migrations (version, name) VALUES ($1::integer, $2)";

// Registers every statement of kPreparedStatements on a new connection (libpqxx prepares each on
// its first use).
void prepare_statements(pqxx::connection_base& connection);

}  // namespace coursedist::storage::postgres
