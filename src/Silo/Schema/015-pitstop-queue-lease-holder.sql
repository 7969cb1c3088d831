-- The silo that holds a queue row's lease (SiloAddress.ToParsableString()), written with every lease.
-- A lease whose holder the cluster's membership declares dead is void at once (QueueLeaseHolders),
-- so a killed silo's rows are read again without waiting out the lease. NULL on rows leased before
-- this script: those leases run out as before. Idempotent.
ALTER TABLE pitstop_event_queue ADD COLUMN IF NOT EXISTS leased_by text;
