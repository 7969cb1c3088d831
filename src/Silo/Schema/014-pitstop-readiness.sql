-- One row per API node, rewritten by its readiness check (/health/ready): a committed write is the
-- only proof that the database takes the engine's writes (a read-only, full or unreachable database
-- answers a SELECT, or nothing, just the same). Idempotent.
CREATE TABLE IF NOT EXISTS pitstop_readiness (
    node       varchar(255) PRIMARY KEY,
    checked_at timestamptz  NOT NULL
);
