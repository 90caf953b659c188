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

// Version 6: webhooks (see the SQLite migration 6). Each webhook keeps its place in the outbox
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
CREATE TABLE webhook_deliveries (
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
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, delivery_id);
CREATE INDEX webhook_deliveries_attempted ON webhook_deliveries (attempted_at);
CREATE TABLE webhook_redeliveries (
    redelivery_id BIGSERIAL PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (webhook_id) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
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

}  // namespace coursedist::storage::postgres
