#pragma once
// Versioned schema migrations of the PostgreSQL backend. Same meaning as the SQLite schema
// (storage/sqlite/migrations.hpp) with PostgreSQL types: JSONB for the structured fields, JSON for
// the outbox envelope (kept byte for byte, as the relay publishes it), BIGSERIAL sequences.
// Append new migrations at the end with the next version; never edit one that has shipped.

#include <array>
#include <string_view>

namespace coursedist::storage::postgres {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;  // one or more statements
};

inline constexpr std::string_view kCreateSchemaMigrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)
)sql";

// Version 1: distributions (+ changelog), the transactional outbox, consumed-event dedup.
// distribution_id uses the "C" collation so listings and cursors order ids bytewise whatever the
// database's default collation is (SQLite compares bytes too). The slug constraint has a fixed
// name: the store recognises a taken slug by it.
inline constexpr std::string_view kMigration1InitialSchema = R"sql(
CREATE TABLE distributions (
    distribution_id TEXT COLLATE "C" PRIMARY KEY,
    course_id TEXT NOT NULL,
    slug TEXT NOT NULL CONSTRAINT distributions_slug_unique UNIQUE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    target_group JSONB NOT NULL DEFAULT '[]',
    version TEXT NOT NULL,
    derived_from TEXT COLLATE "C" NULL
        REFERENCES distributions (distribution_id) ON DELETE RESTRICT,
    seo JSONB NOT NULL,
    cta JSONB NOT NULL,
    visibility TEXT NOT NULL CHECK (visibility IN ('private', 'public', 'unlisted')),
    published_at DOUBLE PRECISION NULL,
    staging_url TEXT NULL,
    staging_deployed_at TEXT NULL,
    outline JSONB NOT NULL,
    view_count BIGINT NOT NULL DEFAULT 0,
    enrollment_count BIGINT NOT NULL DEFAULT 0,
    created_at DOUBLE PRECISION NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL,
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX distributions_catalog ON distributions (published_at DESC, distribution_id DESC)
    WHERE visibility = 'public' AND published_at IS NOT NULL;
CREATE INDEX distributions_created ON distributions (created_at DESC, distribution_id DESC);
CREATE INDEX distributions_course ON distributions (course_id);
CREATE INDEX distributions_derived_from ON distributions (derived_from);
CREATE INDEX distributions_language ON distributions (language);
CREATE INDEX distributions_target_group ON distributions USING GIN (target_group);

CREATE TABLE changelog (
    id BIGSERIAL PRIMARY KEY,
    distribution_id TEXT COLLATE "C" NOT NULL
        REFERENCES distributions (distribution_id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    changelog TEXT NULL,
    bumped_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX changelog_distribution ON changelog (distribution_id, bumped_at, id);

CREATE TABLE outbox (
    seq BIGSERIAL PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    envelope JSON NOT NULL,
    created_at DOUBLE PRECISION NOT NULL,
    published_at DOUBLE PRECISION NULL
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE processed_events (
    id BIGSERIAL PRIMARY KEY,
    subscriber_name TEXT NOT NULL,
    stream_name TEXT NOT NULL,
    stream_message_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    tenant_id TEXT NULL,
    metadata JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT processed_events_subscriber_message UNIQUE (subscriber_name, stream_message_id)
);
CREATE INDEX processed_events_event_id ON processed_events (event_id);
)sql";

// Version 2: outbox.event_id loses its UNIQUE index. No query looks events up by id (they are
// random v4 UUIDs minted here; consumers dedup by id), and the index cost every event a write to
// a random page.
inline constexpr std::string_view kMigration2OutboxWithoutEventIdIndex = R"sql(
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_event_id_key;
)sql";

// Version 3: hourly buckets and open counter event windows (see the SQLite migration 3).
inline constexpr std::string_view kMigration3CounterBucketsAndWindows = R"sql(
CREATE TABLE counter_buckets (
    distribution_id TEXT NOT NULL,
    hour BIGINT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    variant TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (distribution_id, hour, kind, category, variant)
);
CREATE INDEX counter_buckets_by_hour ON counter_buckets (hour);
CREATE TABLE counter_windows (
    distribution_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    slug TEXT NOT NULL,
    count BIGINT NOT NULL,
    total BIGINT NOT NULL,
    opened_at DOUBLE PRECISION NOT NULL,
    last_at DOUBLE PRECISION NOT NULL,
    correlation_id TEXT NULL,
    PRIMARY KEY (distribution_id, kind, category)
);
)sql";

// Version 4: the covering index on hour of the SQLite migration 4.
inline constexpr std::string_view kMigration4CoveringHourIndex = R"sql(
CREATE INDEX counter_buckets_by_hour_covering ON counter_buckets (hour, kind, distribution_id, count);
DROP INDEX counter_buckets_by_hour;
)sql";

// Version 5: rollups of the buckets for the catalog's stats, kept by a trigger (see the SQLite
// migration 5). Concurrent writers (several instances) would all wait for one row of the hour
// until they commit: each server process writes its own shard of the hour instead.
inline constexpr std::string_view kMigration5CounterRollups = R"sql(
CREATE TABLE counter_catalog_hours (
    hour BIGINT NOT NULL,
    shard INTEGER NOT NULL,
    views BIGINT NOT NULL,
    clicks BIGINT NOT NULL,
    PRIMARY KEY (hour, shard)
);
CREATE TABLE counter_days (
    distribution_id TEXT NOT NULL,
    day BIGINT NOT NULL,
    views_before BIGINT NOT NULL,
    clicks_before BIGINT NOT NULL,
    views_after BIGINT NOT NULL,
    clicks_after BIGINT NOT NULL,
    PRIMARY KEY (distribution_id, day)
);
INSERT INTO counter_catalog_hours (hour, shard, views, clicks)
    SELECT hour, 0, SUM(CASE WHEN kind = 'view' THEN count ELSE 0 END),
           SUM(CASE WHEN kind = 'view' THEN 0 ELSE count END)
    FROM counter_buckets GROUP BY hour;
INSERT INTO counter_days (distribution_id, day, views_before, clicks_before, views_after, clicks_after)
    SELECT distribution_id, day, views_after - views, clicks_after - clicks, views_after, clicks_after
    FROM (SELECT distribution_id, day, views, clicks,
                 SUM(views) OVER running AS views_after, SUM(clicks) OVER running AS clicks_after
          FROM (SELECT distribution_id, hour / 24 AS day,
                       SUM(CASE WHEN kind = 'view' THEN count ELSE 0 END) AS views,
                       SUM(CASE WHEN kind = 'view' THEN 0 ELSE count END) AS clicks
                FROM counter_buckets GROUP BY distribution_id, hour / 24) AS daily
          WINDOW running AS (PARTITION BY distribution_id ORDER BY day ROWS UNBOUNDED PRECEDING))
         AS totals;
CREATE FUNCTION counter_buckets_roll_up() RETURNS trigger LANGUAGE plpgsql AS $roll_up$
DECLARE
    added BIGINT := NEW.count - CASE WHEN TG_OP = 'UPDATE' THEN OLD.count ELSE 0 END;
    added_views BIGINT := CASE WHEN NEW.kind = 'view' THEN added ELSE 0 END;
    added_clicks BIGINT := added - added_views;
    bucket_day BIGINT := NEW.hour / 24;
BEGIN
    IF added = 0 THEN
        RETURN NULL;
    END IF;
    INSERT INTO counter_catalog_hours AS c (hour, shard, views, clicks)
        VALUES (NEW.hour, pg_backend_pid() % 16, added_views, added_clicks)
        ON CONFLICT (hour, shard) DO UPDATE SET views = c.views + excluded.views,
                                                clicks = c.clicks + excluded.clicks;
    INSERT INTO counter_days AS d (distribution_id, day, views_before, clicks_before, views_after,
                                   clicks_after)
        SELECT NEW.distribution_id, bucket_day, COALESCE(earlier.views_after, 0),
               COALESCE(earlier.clicks_after, 0), COALESCE(earlier.views_after, 0) + added_views,
               COALESCE(earlier.clicks_after, 0) + added_clicks
        FROM (SELECT 1) AS one
        LEFT JOIN (SELECT e.views_after, e.clicks_after FROM counter_days AS e
                   WHERE e.distribution_id = NEW.distribution_id AND e.day < bucket_day
                   ORDER BY e.day DESC LIMIT 1) AS earlier ON true
        ON CONFLICT (distribution_id, day) DO UPDATE SET
            views_after = d.views_after + added_views,
            clicks_after = d.clicks_after + added_clicks;
    UPDATE counter_days AS l SET views_before = l.views_before + added_views,
                                 clicks_before = l.clicks_before + added_clicks,
                                 views_after = l.views_after + added_views,
                                 clicks_after = l.clicks_after + added_clicks
        WHERE l.distribution_id = NEW.distribution_id AND l.day > bucket_day;
    RETURN NULL;
END
$roll_up$;
CREATE TRIGGER counter_buckets_roll_up AFTER INSERT OR UPDATE OF count ON counter_buckets
    FOR EACH ROW EXECUTE FUNCTION counter_buckets_roll_up();
)sql";

// Version 6: webhooks (see the SQLite migration 6). Each webhook keeps its place in the outbox
// (outbox_position: the last seq it is done with), the attempts at the event after it, and the
// claim of the dispatcher sending it (claimed_until, claim_token), so that one attempt is made by
// one instance only. The delivery log has one row per attempt (kept 30 days); redeliveries asked
// for by hand wait in their own queue with the envelope as it was.
inline constexpr std::string_view kMigration6Webhooks = R"sql(
CREATE TABLE IF NOT EXISTS webhooks (
    webhook_id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT NULL,
    active INTEGER NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT NULL,
    previous_secret_until DOUBLE PRECISION NULL,
    created_at DOUBLE PRECISION NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL,
    outbox_position BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    first_attempt_at DOUBLE PRECISION NULL,
    next_attempt_at DOUBLE PRECISION NULL,
    failures_in_row INTEGER NOT NULL DEFAULT 0,
    claimed_until DOUBLE PRECISION NULL,
    claim_token TEXT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    delivery_id BIGSERIAL PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    response_status INTEGER NULL,
    error TEXT NULL,
    duration_ms BIGINT NOT NULL,
    attempted_at DOUBLE PRECISION NOT NULL,
    next_attempt_at DOUBLE PRECISION NULL,
    response_excerpt TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_log ON webhook_deliveries (webhook_id, delivery_id);
CREATE INDEX IF NOT EXISTS webhook_deliveries_attempted ON webhook_deliveries (attempted_at);
CREATE TABLE IF NOT EXISTS webhook_redeliveries (
    redelivery_id BIGSERIAL PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
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
    variants JSONB NOT NULL,
    auto_promote JSONB NULL,
    started_at DOUBLE PRECISION NOT NULL,
    stopped_at DOUBLE PRECISION NULL,
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

}  // namespace coursedist::storage::postgres
