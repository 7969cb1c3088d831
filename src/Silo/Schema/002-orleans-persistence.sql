-- Pitstop points engine: PostgreSQL schema for the Orleans ADO.NET grain storage provider
-- (Microsoft.Orleans.Persistence.AdoNet 10.4.x, Invariant "Npgsql").
--
-- Needs the OrleansQuery table from 001-orleans-clustering.sql (run that file first).
-- Idempotent and free of psql meta-commands, like the other schema files.
--
-- How the provider talks to this schema (10.4.x):
--   * Every call binds @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash, @GrainIdN0,
--     @GrainIdN1 and @GrainIdExtensionString. A grain is identified by all of them together: the two
--     hashes are the provider's (colliding) 32-bit hashes, good for a selective index but not an
--     identity. N0/N1 hold a Guid or integer key (0/0 for string keys); the extension string holds
--     a string key or a key extension, and is NULL when there is none.
--   * The state's ETag is an integer version (@GrainStateVersion; NULL when the grain never saw
--     a stored version). Writes and clears must return the new version in one row, one column;
--     returning NULL (or the unchanged version, or no row) makes the provider throw
--     InconsistentStateException, which is how a stale writer is rejected.
--   * Reads return at most one row with the columns PayloadBinary and Version. A row whose payload
--     is NULL is a cleared state: the grain gets a fresh state but keeps the version as its ETag.
--   * DeleteStorageKey is optional; it is used only with the provider option
--     DeleteStateOnClear = true (without it, that option fails at start-up).

SELECT pg_advisory_xact_lock(hashtext('pitstop.orleans.schema'));

-- fillfactor < 100 leaves room on each page so that the frequent version+payload updates can be
-- HOT updates (no index maintenance: only non-key columns change).
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer     NOT NULL,
    GrainTypeHash          integer     NOT NULL,
    GrainIdN0              bigint      NOT NULL,
    GrainIdN1              bigint      NOT NULL,
    -- '' stands for "no extension": NULL cannot take part in a primary key, and the provider
    -- hashes a missing and an empty extension the same way anyway.
    GrainIdExtensionString text        NOT NULL DEFAULT '',
    GrainTypeString        text        NOT NULL,
    ServiceId              text        NOT NULL,
    PayloadBinary          bytea       NULL,
    Version                integer     NOT NULL,
    ModifiedOn             timestamptz NOT NULL DEFAULT now(),
    -- The full identity is the key: it makes a racing "first write" a unique-key conflict.
    -- The cheap, selective integer columns lead, so lookups descend the index on them.
    CONSTRAINT pk_orleansstorage PRIMARY KEY
        (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         GrainTypeString, ServiceId)
)
WITH (fillfactor = 90);

-- The next version after v. Versions only need to differ from the previous one, so after
-- int.MaxValue (the ETag is parsed as a 32-bit int) they wrap round to 1 instead of failing.
CREATE OR REPLACE FUNCTION orleans_storage_next_version(v integer)
RETURNS integer
LANGUAGE sql
IMMUTABLE
AS $fn$
    SELECT CASE WHEN v >= 2147483647 THEN 1 ELSE v + 1 END;
$fn$;

-- Write = insert for a grain that has no version yet, otherwise compare-and-swap on the version.
-- Returns the new version, or NULL when the caller's version is stale:
--   * no version given but a row exists (someone else wrote first, even concurrently: the
--     primary key makes the second insert a no-op);
--   * a version given that is not the stored one, or the row is gone.
-- A concurrent UPDATE on the same row waits for the first one and then re-checks the version
-- condition against the committed row, so two writers with the same version cannot both win.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_service_id        text,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_id_ext      text,
    p_expected_version  integer,
    p_payload           bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    IF p_expected_version IS NULL THEN
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
             GrainTypeString, ServiceId, PayloadBinary, Version)
        VALUES
            (p_grain_id_hash, p_grain_type_hash, p_grain_id_n0, p_grain_id_n1,
             COALESCE(p_grain_id_ext, ''), p_grain_type, p_service_id, p_payload, 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO v_new;
        RETURN v_new;
    END IF;

    UPDATE OrleansStorage
    SET PayloadBinary = p_payload,
        Version = orleans_storage_next_version(Version),
        ModifiedOn = now()
    WHERE GrainIdHash = p_grain_id_hash
      AND GrainTypeHash = p_grain_type_hash
      AND GrainIdN0 = p_grain_id_n0
      AND GrainIdN1 = p_grain_id_n1
      AND GrainIdExtensionString = COALESCE(p_grain_id_ext, '')
      AND GrainTypeString = p_grain_type
      AND ServiceId = p_service_id
      AND Version = p_expected_version
    RETURNING Version INTO v_new;
    RETURN v_new;
END
$fn$;

-- Clear keeps the row but drops the payload and moves the version on, so a stale activation that
-- still holds the old version cannot resurrect the state. Same NULL-on-conflict rule as writes.
CREATE OR REPLACE FUNCTION orleans_storage_clear(
    p_service_id        text,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_id_ext      text,
    p_expected_version  integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    IF p_expected_version IS NULL THEN
        -- Nothing stored as far as the caller knows: record an empty state at version 1,
        -- unless a row appeared meanwhile (then the caller is stale).
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
             GrainTypeString, ServiceId, PayloadBinary, Version)
        VALUES
            (p_grain_id_hash, p_grain_type_hash, p_grain_id_n0, p_grain_id_n1,
             COALESCE(p_grain_id_ext, ''), p_grain_type, p_service_id, NULL, 1)
        ON CONFLICT DO NOTHING
        RETURNING Version INTO v_new;
        RETURN v_new;
    END IF;

    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        Version = orleans_storage_next_version(Version),
        ModifiedOn = now()
    WHERE GrainIdHash = p_grain_id_hash
      AND GrainTypeHash = p_grain_type_hash
      AND GrainIdN0 = p_grain_id_n0
      AND GrainIdN1 = p_grain_id_n1
      AND GrainIdExtensionString = COALESCE(p_grain_id_ext, '')
      AND GrainTypeString = p_grain_type
      AND ServiceId = p_service_id
      AND Version = p_expected_version
    RETURNING Version INTO v_new;
    RETURN v_new;
END
$fn$;

-- Delete (DeleteStateOnClear = true) removes the row when the version matches. The provider
-- treats a returned value equal to the caller's version as a conflict, so success returns the
-- version that would have come next; NULL still means "stale". With no version given, success
-- means there is nothing stored (returns 0).
CREATE OR REPLACE FUNCTION orleans_storage_delete(
    p_service_id        text,
    p_grain_type_hash   integer,
    p_grain_type        text,
    p_grain_id_hash     integer,
    p_grain_id_n0       bigint,
    p_grain_id_n1       bigint,
    p_grain_id_ext      text,
    p_expected_version  integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_old integer;
BEGIN
    IF p_expected_version IS NULL THEN
        PERFORM 1
        FROM OrleansStorage
        WHERE GrainIdHash = p_grain_id_hash
          AND GrainTypeHash = p_grain_type_hash
          AND GrainIdN0 = p_grain_id_n0
          AND GrainIdN1 = p_grain_id_n1
          AND GrainIdExtensionString = COALESCE(p_grain_id_ext, '')
          AND GrainTypeString = p_grain_type
          AND ServiceId = p_service_id;
        IF FOUND THEN
            RETURN NULL;
        END IF;
        RETURN 0;
    END IF;

    DELETE FROM OrleansStorage
    WHERE GrainIdHash = p_grain_id_hash
      AND GrainTypeHash = p_grain_type_hash
      AND GrainIdN0 = p_grain_id_n0
      AND GrainIdN1 = p_grain_id_n1
      AND GrainIdExtensionString = COALESCE(p_grain_id_ext, '')
      AND GrainTypeString = p_grain_type
      AND ServiceId = p_service_id
      AND Version = p_expected_version
    RETURNING Version INTO v_old;
    IF v_old IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN orleans_storage_next_version(v_old);
END
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Plain SELECT (no function) so the planner sees the key equalities and uses the primary key.
('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainIdExtensionString = COALESCE(@GrainIdExtensionString, '')
  AND GrainTypeString = @GrainTypeString
  AND ServiceId = @ServiceId;
$q$),

('WriteToStorageKey', $q$
SELECT orleans_storage_write(
    @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
    @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$q$),

('ClearStorageKey', $q$
SELECT orleans_storage_clear(
    @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
    @GrainIdExtensionString, @GrainStateVersion) AS NewGrainStateVersion;
$q$),

('DeleteStorageKey', $q$
SELECT orleans_storage_delete(
    @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
    @GrainIdExtensionString, @GrainStateVersion) AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
