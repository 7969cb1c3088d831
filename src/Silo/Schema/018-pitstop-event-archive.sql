-- The event archive: every event a dealership's stream applied, kept for what-if replays and
-- admins' reads. (source, id) makes appending idempotent (a stream retries a chunk whose
-- acknowledgement failed); seq follows each dealership's stream order; applied_at is the program
-- time its grains applied it at. The event itself is stored in Orleans' binary format, as grain
-- state is. Idempotent.
CREATE TABLE IF NOT EXISTS pitstop_event_archive (
    seq           bigserial   PRIMARY KEY,
    source        text        NOT NULL,
    id            text        NOT NULL,
    dealership_id text        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    applied_at    timestamptz NOT NULL,
    payload       bytea       NOT NULL,
    UNIQUE (source, id)
);

-- A dealership's events in archive order; the retention sweep and period reads go by occurred_at.
CREATE INDEX IF NOT EXISTS pitstop_event_archive_dealership ON pitstop_event_archive (dealership_id, seq);
CREATE INDEX IF NOT EXISTS pitstop_event_archive_occurred ON pitstop_event_archive (occurred_at);
