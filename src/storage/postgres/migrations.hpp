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

inline constexpr std::array kMigrations{
    Migration{1, "initial schema", kMigration1InitialSchema},
    Migration{2, "outbox without event_id index", kMigration2OutboxWithoutEventIdIndex},
    Migration{3, "counter buckets and windows", kMigration3CounterBucketsAndWindows},
};

inline constexpr int kLatestSchemaVersion = kMigrations.back().version;

}  // namespace coursedist::storage::postgres
