-- Pitstop points engine: PostgreSQL schema for the Orleans ADO.NET reminder table
-- (Microsoft.Orleans.Reminders.AdoNet 10.4.x, Invariant "Npgsql").
--
-- Needs the OrleansQuery table from 001-orleans-clustering.sql (run that file first).
-- Idempotent and free of psql meta-commands, like the other schema files.
--
-- How the provider talks to this schema (10.4.x):
--   * @ServiceId scopes everything; @GrainId is the grain id's text form; @ReminderName.
--   * @GrainHash, @BeginHash, @EndHash are the grains' uniform 32-bit hashes reinterpreted as
--     signed integers. Each silo reads the reminders of its ring range (BeginHash, EndHash].
--     Reinterpreting uint as int keeps the ring's circular order, so the range is one interval
--     when BeginHash < EndHash (signed), which the provider sends to ReadRangeRows1Key, and wraps
--     round the end of the integer range otherwise (ReadRangeRows2Key, also used for the full ring
--     where BeginHash = EndHash).
--   * @Period is milliseconds, bound as int or bigint depending on its size; it is read back
--     with GetInt64, so the column is bigint. @StartTime is a UTC DateTime (timestamptz).
--   * Reads return GrainId, ReminderName, StartTime, Period, Version. Version is the ETag: the
--     upsert returns the new one, and a delete succeeds only with the current one, returning
--     one row with one boolean column.

SELECT pg_advisory_xact_lock(hashtext('pitstop.orleans.schema'));

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    text        NOT NULL,
    GrainId      text        NOT NULL,
    ReminderName text        NOT NULL,
    StartTime    timestamptz NOT NULL,
    Period       bigint      NOT NULL,
    GrainHash    integer     NOT NULL,
    Version      integer     NOT NULL,
    -- Point lookups and per-grain listings use a prefix of this key.
    CONSTRAINT pk_orleansreminderstable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Range reads (each silo loads the reminders of its part of the hash ring, at start-up and on
-- every membership change) filter on ServiceId and a GrainHash interval.
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_service_hash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Register or change a reminder in one statement (no read-then-write race). A new reminder
-- starts at version 1; every change moves the version on (wrapping round to 1 after
-- int.MaxValue, since the ETag is a 32-bit int and only has to differ from the previous one).
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = EXCLUDED.StartTime,
    Period = EXCLUDED.Period,
    GrainHash = EXCLUDED.GrainHash,
    Version = CASE WHEN r.Version >= 2147483647 THEN 1 ELSE r.Version + 1 END
RETURNING r.Version AS Version;
$q$),

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId;
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName;
$q$),

-- Non-wrapping ring range: BeginHash < GrainHash <= EndHash.
('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash
  AND GrainHash <= @EndHash;
$q$),

-- Wrapping ring range: everything above BeginHash plus everything up to EndHash.
('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$),

-- Exactly one row, one column: whether the reminder was removed. Fails (false) when the
-- caller's version is stale, i.e. the reminder was changed since it was read.
('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM removed) AS Deleted;
$q$),

-- Removes every reminder of the service (used by tests and tooling).
('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
