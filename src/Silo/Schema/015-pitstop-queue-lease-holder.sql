-- The silo that holds a queue row's lease (SiloAddress.ToParsableString()), written with every lease.
-- A lease whose holder the cluster's membership declares dead is void at once (QueueLeaseHolders),
-- so a killed silo's rows are read again without waiting out the lease. NULL on rows leased before
-- this script: those leases run out as before. Idempotent.
-- ALTER TABLE locks the table (ACCESS EXCLUSIVE) even when the column exists, and every silo runs
-- this at start: against the lease statement of a running silo (which reads, then updates, the
-- table) that deadlocked a silo restarting under load. So the column is added only when missing.
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT FROM pg_attribute
        WHERE attrelid = 'pitstop_event_queue'::regclass AND attname = 'leased_by' AND NOT attisdropped) THEN
        ALTER TABLE pitstop_event_queue ADD COLUMN leased_by text;
    END IF;
END
$$;
