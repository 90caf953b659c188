#pragma once
// Versioned schema migrations of the SQLite backend. Append new migrations at the end with the next
// version; never edit one that has shipped. SqliteStore::migrate() applies the pending ones
// (version greater than max(schema_migrations.version)) in one transaction.

#include <array>
#include <string_view>

namespace coursedist::storage::sqlite {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;  // one or more statements
};

inline constexpr std::string_view kCreateSchemaMigrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at REAL NOT NULL
)
)sql";

// Version 1: distributions (+ changelog), the transactional outbox, consumed-event dedup.
inline constexpr std::string_view kMigration1InitialSchema = R"sql(
CREATE TABLE distributions (
    distribution_id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    target_group TEXT NOT NULL DEFAULT '[]',
    version TEXT NOT NULL,
    derived_from TEXT NULL REFERENCES distributions (distribution_id) ON DELETE RESTRICT,
    seo TEXT NOT NULL,
    cta TEXT NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public', 'unlisted')),
    published_at REAL NULL,
    staging_url TEXT NULL,
    staging_deployed_at TEXT NULL,
    outline TEXT NOT NULL,
    view_count INTEGER NOT NULL DEFAULT 0,
    enrollment_count INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX distributions_catalog
    ON distributions (visibility, published_at DESC, distribution_id DESC);
CREATE INDEX distributions_created ON distributions (created_at DESC, distribution_id DESC);
CREATE INDEX distributions_course ON distributions (course_id);
CREATE INDEX distributions_derived_from ON distributions (derived_from);
CREATE INDEX distributions_language ON distributions (language);

CREATE TABLE changelog (
    id INTEGER PRIMARY KEY,
    distribution_id TEXT NOT NULL REFERENCES distributions (distribution_id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    changelog TEXT NULL,
    bumped_at REAL NOT NULL
);
CREATE INDEX changelog_distribution ON changelog (distribution_id, bumped_at, id);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    envelope TEXT NOT NULL,
    created_at REAL NOT NULL,
    published_at REAL NULL
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE processed_events (
    id INTEGER PRIMARY KEY,
    subscriber_name TEXT NOT NULL,
    stream_name TEXT NOT NULL,
    stream_message_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    processed_at REAL NOT NULL,
    tenant_id TEXT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    UNIQUE (subscriber_name, stream_message_id)
);
CREATE INDEX processed_events_event_id ON processed_events (event_id);
)sql";

// Version 2: outbox.event_id loses its UNIQUE index. No query looks events up by id (they are
// random v4 UUIDs minted here; consumers dedup by id), and the index cost every event a write to
// a random page: measured, a quarter of the landing page's throughput. SQLite cannot drop a
// column constraint, so the table is rebuilt; its AUTOINCREMENT sequence is carried over, so seqs
// already handed out (and pruned) are never reused.
inline constexpr std::string_view kMigration2OutboxWithoutEventIdIndex = R"sql(
CREATE TABLE outbox_v2 (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    envelope TEXT NOT NULL,
    created_at REAL NOT NULL,
    published_at REAL NULL
);
INSERT INTO outbox_v2 (seq, event_id, event_type, envelope, created_at, published_at)
    SELECT seq, event_id, event_type, envelope, created_at, published_at FROM outbox;
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'outbox_v2', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox_v2');
UPDATE sqlite_sequence
    SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0))
    WHERE name = 'outbox_v2';
DROP TABLE outbox;
ALTER TABLE outbox_v2 RENAME TO outbox;
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
)sql";

// Version 3: what counted views and clicks leave besides the counters (analytics.md): hourly
// buckets (kept 400 days; the stats routes read them by distribution and hour range, and by hour
// range alone) and the open windows of coalesced counter events. Neither refers to distributions:
// the history of a deleted course stays in the catalog's series.
inline constexpr std::string_view kMigration3CounterBucketsAndWindows = R"sql(
CREATE TABLE counter_buckets (
    distribution_id TEXT NOT NULL,
    hour INTEGER NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    variant TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (distribution_id, hour, kind, category, variant)
) WITHOUT ROWID;
CREATE INDEX counter_buckets_by_hour ON counter_buckets (hour);
CREATE TABLE counter_windows (
    distribution_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    slug TEXT NOT NULL,
    count INTEGER NOT NULL,
    total INTEGER NOT NULL,
    opened_at REAL NOT NULL,
    last_at REAL NOT NULL,
    correlation_id TEXT NULL,
    PRIMARY KEY (distribution_id, kind, category)
) WITHOUT ROWID;
)sql";

// Version 4: the catalog's stats (GET /api/stats) read every bucket of a range by hour; an index
// on hour alone sends each of them to the table for its count (measured: 2.1 s for 30 days of
// 10,000 distributions, bench/stats.sh). This one holds what they read, and replaces the index on
// hour (the retention's prune reads it by hour as well).
inline constexpr std::string_view kMigration4CoveringHourIndex = R"sql(
CREATE INDEX counter_buckets_by_hour_covering ON counter_buckets (hour, kind, distribution_id, count);
DROP INDEX counter_buckets_by_hour;
)sql";

// Version 5: rollups of the buckets that the catalog's stats read instead of every bucket of a
// range (GET /api/stats over 30 days of 10,000 distributions read 540,000 buckets: 160-290 ms,
// bench/stats.sh). Kept by triggers, so every write of a bucket keeps them, whoever makes it:
// - counter_catalog_hours: the catalog's views and clicks per UTC hour (shard: always 0 here;
//   PostgreSQL spreads concurrent writers over shards).
// - counter_days: per distribution and UTC day (hour / 24), its bucket totals before the day's
//   first count and after its last. A range of whole days then costs two lookups per
//   distribution: (last day's after) - (first day's before), whatever the counts in between. A
//   bucket added to an earlier day than the latest (a skewed clock) moves the later days' totals.
// Both are filled from the buckets already there, and pruned with them.
inline constexpr std::string_view kMigration5CounterRollups = R"sql(
CREATE TABLE counter_catalog_hours (
    hour INTEGER NOT NULL,
    shard INTEGER NOT NULL,
    views INTEGER NOT NULL,
    clicks INTEGER NOT NULL,
    PRIMARY KEY (hour, shard)
) WITHOUT ROWID;
CREATE TABLE counter_days (
    distribution_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    views_before INTEGER NOT NULL,
    clicks_before INTEGER NOT NULL,
    views_after INTEGER NOT NULL,
    clicks_after INTEGER NOT NULL,
    PRIMARY KEY (distribution_id, day)
) WITHOUT ROWID;
INSERT INTO counter_catalog_hours (hour, shard, views, clicks)
    SELECT hour, 0, SUM(iif(kind = 'view', count, 0)), SUM(iif(kind = 'view', 0, count))
    FROM counter_buckets GROUP BY hour;
INSERT INTO counter_days (distribution_id, day, views_before, clicks_before, views_after, clicks_after)
    SELECT distribution_id, day, views_after - views, clicks_after - clicks, views_after, clicks_after
    FROM (SELECT distribution_id, day, views, clicks,
                 SUM(views) OVER running AS views_after, SUM(clicks) OVER running AS clicks_after
          FROM (SELECT distribution_id, hour / 24 AS day, SUM(iif(kind = 'view', count, 0)) AS views,
                       SUM(iif(kind = 'view', 0, count)) AS clicks
                FROM counter_buckets GROUP BY distribution_id, hour / 24) AS daily
          WINDOW running AS (PARTITION BY distribution_id ORDER BY day ROWS UNBOUNDED PRECEDING))
         AS totals;
-- What a bucket write adds, handed to one trigger (the view holds nothing; its INSTEAD OF
-- trigger keeps the rollups), so that inserts and updates of buckets share it.
CREATE VIEW counter_bucket_additions AS
    SELECT '' AS distribution_id, 0 AS hour, 0 AS views, 0 AS clicks WHERE false;
CREATE TRIGGER counter_bucket_additions_roll_up INSTEAD OF INSERT ON counter_bucket_additions
BEGIN
    INSERT INTO counter_catalog_hours (hour, shard, views, clicks)
        VALUES (NEW.hour, 0, NEW.views, NEW.clicks)
        ON CONFLICT (hour, shard) DO UPDATE SET views = views + excluded.views,
                                                clicks = clicks + excluded.clicks;
    INSERT INTO counter_days (distribution_id, day, views_before, clicks_before, views_after, clicks_after)
        SELECT NEW.distribution_id, NEW.hour / 24, ifnull(earlier.views_after, 0),
               ifnull(earlier.clicks_after, 0), ifnull(earlier.views_after, 0) + NEW.views,
               ifnull(earlier.clicks_after, 0) + NEW.clicks
        FROM (SELECT 1) LEFT JOIN (SELECT views_after, clicks_after FROM counter_days
                                   WHERE distribution_id = NEW.distribution_id
                                     AND day < NEW.hour / 24
                                   ORDER BY day DESC LIMIT 1) AS earlier
        WHERE true
        ON CONFLICT (distribution_id, day) DO UPDATE SET
            views_after = views_after + excluded.views_after - excluded.views_before,
            clicks_after = clicks_after + excluded.clicks_after - excluded.clicks_before;
    UPDATE counter_days SET views_before = views_before + NEW.views,
                            clicks_before = clicks_before + NEW.clicks,
                            views_after = views_after + NEW.views,
                            clicks_after = clicks_after + NEW.clicks
        WHERE distribution_id = NEW.distribution_id AND day > NEW.hour / 24;
END;
CREATE TRIGGER counter_buckets_roll_up_insert AFTER INSERT ON counter_buckets
WHEN NEW.count <> 0 BEGIN
    INSERT INTO counter_bucket_additions (distribution_id, hour, views, clicks)
        VALUES (NEW.distribution_id, NEW.hour, iif(NEW.kind = 'view', NEW.count, 0),
                iif(NEW.kind = 'view', 0, NEW.count));
END;
CREATE TRIGGER counter_buckets_roll_up_update AFTER UPDATE OF count ON counter_buckets
WHEN NEW.count <> OLD.count BEGIN
    INSERT INTO counter_bucket_additions (distribution_id, hour, views, clicks)
        VALUES (NEW.distribution_id, NEW.hour, iif(NEW.kind = 'view', NEW.count - OLD.count, 0),
                iif(NEW.kind = 'view', 0, NEW.count - OLD.count));
END;
)sql";

// Version 6: webhooks (spec/webhooks.md). Each webhook keeps its place in the outbox
// (outbox_position: the last seq it is done with), the attempts at the event after it, and the
// claim of the dispatcher sending it (claimed_until, claim_token), so that one attempt is made by
// one instance only. The delivery log has one row per attempt (kept 30 days); redeliveries asked
// for by hand wait in their own queue with the envelope as it was. IF NOT EXISTS: a migration
// run again over its own tables (a test re-running an earlier one) changes nothing.
inline constexpr std::string_view kMigration6Webhooks = R"sql(
CREATE TABLE IF NOT EXISTS webhooks (
    webhook_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT NULL,
    active INTEGER NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT NULL,
    previous_secret_until REAL NULL,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    outbox_position INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    first_attempt_at REAL NULL,
    next_attempt_at REAL NULL,
    failures_in_row INTEGER NOT NULL DEFAULT 0,
    claimed_until REAL NULL,
    claim_token TEXT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    response_status INTEGER NULL,
    error TEXT NULL,
    duration_ms INTEGER NOT NULL,
    attempted_at REAL NOT NULL,
    next_attempt_at REAL NULL,
    response_excerpt TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_log ON webhook_deliveries (webhook_id, delivery_id);
CREATE INDEX IF NOT EXISTS webhook_deliveries_attempted ON webhook_deliveries (attempted_at);
CREATE TABLE IF NOT EXISTS webhook_redeliveries (
    redelivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    envelope TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_redeliveries_of ON webhook_redeliveries (webhook_id, redelivery_id);
)sql";

// Version 10: CTA experiments (spec/growth.md). Variants (key, CTA, weight) and the auto-promote
// rule as JSON; at most one running experiment per distribution (a partial unique index). Their
// views and clicks are the hourly buckets' with the variant `<experiment_id>/<key>`.
inline constexpr std::string_view kMigration10Experiments = R"sql(
CREATE TABLE IF NOT EXISTS experiments (
    experiment_id TEXT PRIMARY KEY,
    distribution_id TEXT NOT NULL REFERENCES distributions (distribution_id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'stopped')),
    variants TEXT NOT NULL,
    auto_promote TEXT NULL,
    started_at REAL NOT NULL,
    stopped_at REAL NULL,
    winner TEXT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS experiments_one_running ON experiments (distribution_id)
    WHERE status = 'running';
CREATE INDEX IF NOT EXISTS experiments_of_distribution ON experiments (distribution_id, started_at);
)sql";

inline constexpr std::array kMigrations{
    Migration{1, "initial schema", kMigration1InitialSchema},
    Migration{2, "outbox without event_id index", kMigration2OutboxWithoutEventIdIndex},
    Migration{3, "counter buckets and windows", kMigration3CounterBucketsAndWindows},
    Migration{4, "covering index on the hour of counter buckets", kMigration4CoveringHourIndex},
    Migration{5, "rollups of the counter buckets", kMigration5CounterRollups},
    Migration{6, "webhooks", kMigration6Webhooks},
    Migration{10, "CTA experiments", kMigration10Experiments},
};

inline constexpr int kLatestSchemaVersion = kMigrations.back().version;

}  // namespace coursedist::storage::sqlite
