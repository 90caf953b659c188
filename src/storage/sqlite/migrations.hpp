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

// Version 6: webhooks (spec/webhooks.md). Each webhook keeps its place in the outbox
// (outbox_position: the last seq it is done with), the attempts at the event after it, and the
// claim of the dispatcher sending it (claimed_until, claim_token), so that one attempt is made by
// one instance only. The delivery log has one row per attempt (kept 30 days); redeliveries asked
// for by hand wait in their own queue with the envelope as it was.
inline constexpr std::string_view kMigration6Webhooks = R"sql(
CREATE TABLE webhooks (
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
CREATE TABLE webhook_deliveries (
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
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, delivery_id);
CREATE INDEX webhook_deliveries_attempted ON webhook_deliveries (attempted_at);
CREATE TABLE webhook_redeliveries (
    redelivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    envelope TEXT NOT NULL
);
CREATE INDEX webhook_redeliveries_of ON webhook_redeliveries (webhook_id, redelivery_id);
)sql";

inline constexpr std::array kMigrations{
    Migration{1, "initial schema", kMigration1InitialSchema},
    Migration{2, "outbox without event_id index", kMigration2OutboxWithoutEventIdIndex},
    Migration{3, "counter buckets and windows", kMigration3CounterBucketsAndWindows},
    Migration{4, "covering index on the hour of counter buckets", kMigration4CoveringHourIndex},
    Migration{6, "webhooks", kMigration6Webhooks},
};

inline constexpr int kLatestSchemaVersion = kMigrations.back().version;

}  // namespace coursedist::storage::sqlite
