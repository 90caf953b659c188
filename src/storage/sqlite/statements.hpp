#pragma once
// The SQL of the SQLite backend. Each connection prepares a statement on its first use and caches
// it by its text (sqlite_db.hpp). The distribution statements are built from
// storage/distribution_columns.hpp; the listing query, whose shape depends on its filters, by
// list_query.hpp.

#include "storage/sql_value.hpp"

#include <string>
#include <string_view>

namespace coursedist::storage::sqlite {

// SQLite's spelling of a statement parameter: `?`, in order.
std::string placeholder(int index, SqlType type);

extern const std::string kFindById;
extern const std::string kFindBySlug;
extern const std::string kFindOriginal;
extern const std::string kFindByCourse;
extern const std::string kVariantsOf;
extern const std::string kInsertDistribution;
extern const std::string kUpdateDistribution;

// Slugs (migration 7): a slug is taken while a distribution has it, current or old.
inline constexpr std::string_view kSlugExists =
    "SELECT 1 FROM distribution_slugs WHERE slug = ? AND deleted_at IS NULL";
#define COURSEDIST_SQLITE_SLUG_COLUMNS \
    "s.slug, s.distribution_id, s.changed_at, s.deleted_at IS NOT NULL"
inline constexpr std::string_view kFindSlug =
    "SELECT " COURSEDIST_SQLITE_SLUG_COLUMNS " FROM distribution_slugs s WHERE s.slug = ?";
inline constexpr std::string_view kOldSlugs =
    "SELECT " COURSEDIST_SQLITE_SLUG_COLUMNS
    " FROM distribution_slugs s JOIN distributions d ON d.distribution_id = s.distribution_id"
    " WHERE s.distribution_id = ? AND s.deleted_at IS NULL AND s.slug <> d.slug"
    " ORDER BY s.changed_at DESC, s.slug";
#undef COURSEDIST_SQLITE_SLUG_COLUMNS
inline constexpr std::string_view kReleaseSlug =
    "DELETE FROM distribution_slugs WHERE distribution_id = ?1 AND slug = ?2"
    " AND deleted_at IS NULL"
    " AND slug NOT IN (SELECT slug FROM distributions WHERE distribution_id = ?1)";
inline constexpr std::string_view kCountPublic =
    "SELECT count(*) FROM distributions WHERE visibility = 'public' AND published_at IS NOT NULL";
inline constexpr std::string_view kDeleteDistribution =
    "DELETE FROM distributions WHERE distribution_id = ?";

// A counter write is an UPDATE and then a SELECT of the counts, not UPDATE … RETURNING: SQLite
// collects RETURNING rows in a temporary table, which costs more than the update itself.
#define COURSEDIST_SQLITE_INCREMENT(counter) \
    "UPDATE distributions SET " counter " = " counter " + ?2"
#define COURSEDIST_SQLITE_COUNTS \
    "SELECT distribution_id, slug, view_count, enrollment_count FROM distributions"
inline constexpr std::string_view kIncrementViews =
    COURSEDIST_SQLITE_INCREMENT("view_count") " WHERE distribution_id = ?1";
inline constexpr std::string_view kIncrementEnrollments =
    COURSEDIST_SQLITE_INCREMENT("enrollment_count") " WHERE distribution_id = ?1";
inline constexpr std::string_view kIncrementReadableViews =
    COURSEDIST_SQLITE_INCREMENT("view_count") " WHERE slug = ?1 AND visibility <> 'private'";
inline constexpr std::string_view kIncrementReadableEnrollments =
    COURSEDIST_SQLITE_INCREMENT("enrollment_count") " WHERE slug = ?1 AND visibility <> 'private'";
inline constexpr std::string_view kCountsById =
    COURSEDIST_SQLITE_COUNTS " WHERE distribution_id = ?";
inline constexpr std::string_view kCountsBySlug = COURSEDIST_SQLITE_COUNTS " WHERE slug = ?";
#undef COURSEDIST_SQLITE_INCREMENT
#undef COURSEDIST_SQLITE_COUNTS

inline constexpr std::string_view kAddToBucket =
    "INSERT INTO counter_buckets (distribution_id, hour, kind, category, variant, count)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (distribution_id, hour, kind, category, variant)"
    " DO UPDATE SET count = count + excluded.count";
inline constexpr std::string_view kBucketsOf =
    "SELECT distribution_id, hour, kind, category, variant, count FROM counter_buckets"
    " WHERE distribution_id = ? AND hour >= ? AND hour < ? ORDER BY hour, kind, category, variant";
inline constexpr std::string_view kPruneBuckets =
    "DELETE FROM counter_buckets WHERE (distribution_id, hour, kind, category, variant) IN"
    " (SELECT distribution_id, hour, kind, category, variant FROM counter_buckets"
    " WHERE hour < ? LIMIT ?)";
inline constexpr std::string_view kAddToWindow =
    "INSERT INTO counter_windows (distribution_id, kind, category, slug, count, total, opened_at,"
    " last_at, correlation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (distribution_id, kind, category) DO UPDATE SET count = count + excluded.count,"
    " total = max(total, excluded.total), last_at = max(last_at, excluded.last_at),"
    " slug = excluded.slug";
#define COURSEDIST_SQLITE_WINDOW_COLUMNS                                                  \
    " RETURNING distribution_id, slug, kind, category, count, total, opened_at, last_at," \
    " correlation_id"
inline constexpr std::string_view kTakeWindows =
    "DELETE FROM counter_windows WHERE opened_at <= ?" COURSEDIST_SQLITE_WINDOW_COLUMNS;
inline constexpr std::string_view kTakeWindowsOf =
    "DELETE FROM counter_windows WHERE distribution_id = ?" COURSEDIST_SQLITE_WINDOW_COLUMNS;
#undef COURSEDIST_SQLITE_WINDOW_COLUMNS
inline constexpr std::string_view kEarliestWindow = "SELECT min(opened_at) FROM counter_windows";

inline constexpr std::string_view kInsertChangelog =
    "INSERT INTO changelog (distribution_id, version, changelog, bumped_at) VALUES (?, ?, ?, ?)";
inline constexpr std::string_view kSelectChangelog =
    "SELECT version, changelog, bumped_at FROM changelog WHERE distribution_id = ?"
    " ORDER BY bumped_at, id";

inline constexpr std::string_view kAppendOutbox =
    "INSERT INTO outbox (event_id, event_type, envelope, created_at) VALUES (?, ?, ?, ?)";
inline constexpr std::string_view kOutboxAfter =
    "SELECT seq, event_id, event_type, envelope, created_at FROM outbox WHERE seq > ?"
    " ORDER BY seq LIMIT ?";
inline constexpr std::string_view kUnpublishedOutbox =
    "SELECT seq, event_id, event_type, envelope, created_at FROM outbox"
    " WHERE published_at IS NULL ORDER BY seq LIMIT ?";
inline constexpr std::string_view kMarkPublished =
    "UPDATE outbox SET published_at = ? WHERE seq = ? AND published_at IS NULL";
// The outbox's pruning keeps what webhooks still need: webhook_sql.hpp.
inline constexpr std::string_view kOutboxBacklog =
    "SELECT count(*) FROM outbox WHERE published_at IS NULL";

inline constexpr std::string_view kRecordProcessed =
    "INSERT INTO processed_events (subscriber_name, stream_name, stream_message_id, event_id,"
    " event_type, processed_at, tenant_id, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (subscriber_name, stream_message_id) DO NOTHING";

inline constexpr std::string_view kBeginRead = "BEGIN";
inline constexpr std::string_view kBeginWrite = "BEGIN IMMEDIATE";
inline constexpr std::string_view kCommit = "COMMIT";

inline constexpr std::string_view kPing = "SELECT 1";
inline constexpr std::string_view kHasSchemaMigrations =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
inline constexpr std::string_view kSchemaVersion =
    "SELECT coalesce(max(version), 0) FROM schema_migrations";
inline constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)";

}  // namespace coursedist::storage::sqlite
