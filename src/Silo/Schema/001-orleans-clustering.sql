-- Pitstop points engine: PostgreSQL schema for the Orleans ADO.NET clustering provider
-- (Microsoft.Orleans.Clustering.AdoNet 10.4.x, Invariant "Npgsql").
--
-- The Orleans ADO.NET providers ship no SQL. At start-up each provider reads
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and later runs those texts with named parameters (@DeploymentId, @Address, ...) and reads the
-- result columns by name. This file creates that OrleansQuery table (the persistence and reminder
-- scripts rely on it, so run this file first), the membership tables, and the clustering queries.
--
-- Idempotent: every statement can be run again on the same database (IF NOT EXISTS,
-- CREATE OR REPLACE, upserts on OrleansQuery), so the silo may apply it on every start.
-- It is plain SQL (no psql meta-commands) and can be sent as one command text through Npgsql,
-- which runs the whole text in one implicit transaction.
--
-- Identifiers are unquoted on purpose: PostgreSQL folds them to lower case, and the provider's
-- unquoted names fold the same way. Npgsql matches result column names case-insensitively.
--
-- Times are timestamptz: the provider binds DateTime with DbType.DateTime, which Npgsql sends as
-- "timestamp with time zone" (UTC DateTimes only), and it reads them back as UTC. Using timestamptz
-- avoids any dependence on the server's or the session's TimeZone setting.

-- Serialise concurrent runs of the schema scripts (two silos starting at once). The lock is held
-- to the end of the transaction, i.e. the whole file when it is sent as one Npgsql command.
SELECT pg_advisory_xact_lock(hashtext('pitstop.orleans.schema'));

-- Named queries for all Orleans ADO.NET providers. Sizes are the ones the providers expect.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (QueryKey)
);

-- One row per cluster (Orleans calls the ClusterId "DeploymentId" in these queries). Version is the
-- membership table version: every membership change must move it forward by exactly one, and a
-- writer must name the version it read, which is how Orleans gets optimistic concurrency.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId text        NOT NULL,
    Timestamp    timestamptz NOT NULL DEFAULT now(),
    Version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation: (Address, Port, Generation) identifies it within a cluster.
-- Status is Orleans' SiloStatus as an integer (3 = Active, 6 = Dead). SuspectTimes is the
-- provider's own text form ("silo,time|silo,time"). Deleting a cluster's version row removes its
-- members too.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId text        NOT NULL,
    Address      text        NOT NULL,
    Port         integer     NOT NULL,
    Generation   integer     NOT NULL,
    SiloName     text        NOT NULL,
    HostName     text        NOT NULL,
    Status       integer     NOT NULL,
    ProxyPort    integer     NOT NULL DEFAULT 0,
    SuspectTimes text        NULL,
    StartTime    timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    CONSTRAINT pk_orleansmembershiptable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT fk_orleansmembershiptable_version FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE
);

-- Adds a silo row, but only if the caller's view of the table is current.
-- The version row is locked first and only when it still holds the version the caller read: a
-- concurrent writer that committed first has already moved it, and PostgreSQL re-checks the
-- condition after waiting for the lock, so exactly one of two racing writers wins. Nothing is
-- written (and the version does not move) when the version is stale or the silo row exists.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_silo_name        text,
    p_host_name        text,
    p_status           integer,
    p_proxy_port       integer,
    p_start_time       timestamptz,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_expected_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation,
         COALESCE(p_silo_name, ''), COALESCE(p_host_name, ''), p_status,
         COALESCE(p_proxy_port, 0), p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
        Timestamp = now()
    WHERE DeploymentId = p_deployment_id;
    RETURN true;
END
$fn$;

-- Changes a silo's status / suspicions, under the same optimistic rule as the insert.
-- IAmAliveTime never moves backwards: a late write must not make a live silo look stale.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id    text,
    p_address          text,
    p_port             integer,
    p_generation       integer,
    p_status           integer,
    p_suspect_times    text,
    p_i_am_alive_time  timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM OrleansMembershipVersionTable
    WHERE DeploymentId = p_deployment_id
      AND Version = p_expected_version
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipTable
    SET Status = p_status,
        SuspectTimes = p_suspect_times,
        IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
    WHERE DeploymentId = p_deployment_id
      AND Address = p_address
      AND Port = p_port
      AND Generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1,
        Timestamp = now()
    WHERE DeploymentId = p_deployment_id;
    RETURN true;
END
$fn$;

-- The queries. Each is upserted so that re-running this file also refreshes changed texts.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Silo start-up: make sure the cluster has its version row. Must return exactly one row with one
-- column: true when this call created the row.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM created) AS Created;
$q$),

-- Heartbeat. Deliberately does not touch the table version (Orleans' contract: I-am-alive updates
-- are not membership changes).
('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation;
$q$),

-- One column, one row: did the insert happen. @Version is the table version the silo read.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
    @StartTime, @IAmAliveTime, @Version) AS Inserted;
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime,
    @Version) AS Updated;
$q$),

-- Reads start from the version row and LEFT JOIN the silo rows, so the table version comes back
-- even when there is no matching silo (the provider then sees StartTime NULL = no entry). Version
-- and rows come from one statement, hence one consistent snapshot.
('MembershipReadRowKey', $q$
SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
$q$),

('MembershipReadAllKey', $q$
SELECT v.Version, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
       m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Removes a whole cluster; the foreign key cascades to its silo rows.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipVersionTable
WHERE DeploymentId = @DeploymentId;
$q$),

-- Gateways for clients: active silos (@Status is SiloStatus.Active) that accept client connections.
('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0;
$q$),

-- Bulk pruning of long-dead silos (status 6 = Dead) whose last heartbeat and start are older than
-- the cut-off in @IAmAliveTime. The 10.4 provider uses this only when the per-row query below is
-- missing, but it still requires the key to exist.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND IAmAliveTime < @IAmAliveTime
  AND StartTime < @IAmAliveTime;
$q$),

-- Per-row pruning (optional for the provider, preferred when present): it reads the table, picks
-- dead rows older than the cut-off, and deletes each one only if it still has exactly the values it
-- read, so a row that changed in between survives. NULL and '' suspicions count as the same.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
