-- One write at the door: an accepted event's idempotency key and its queue row are written in one
-- transaction (EventQueueWriter), so a key is stored published from the start and never updated,
-- and readers no longer lease rows: each partition has a reading position, advanced once per
-- delivered round, and rows behind it are deleted in ranges. Idempotent, and safe while another
-- silo runs: nothing here takes a lock that a running silo's statements wait on or hold.

-- queue_id: the partition. delivered_seq: every row of the partition up to here was delivered
-- (every consumer persisted it); it only moves forward (GREATEST), so a reader that lost the
-- partition without knowing cannot move it back. reader: the silo that advanced it last.
CREATE TABLE IF NOT EXISTS pitstop_queue_cursor (
    queue_id      integer     PRIMARY KEY,
    delivered_seq bigint      NOT NULL,
    reader        text        NOT NULL,
    advanced_at   timestamptz NOT NULL
);

-- Keys are no longer updated after their insert, so their pages are filled (012 kept half of each
-- for the update that marked a key published). Set only when it differs: ALTER TABLE locks the
-- table (SHARE UPDATE EXCLUSIVE) until the migration commits, and every silo runs this at start.
DO $$
BEGIN
    IF EXISTS (
        SELECT FROM pg_class
        WHERE oid = 'pitstop_event_key'::regclass AND 'fillfactor=100' <> ALL(coalesce(reloptions, '{}'))) THEN
        ALTER TABLE pitstop_event_key SET (fillfactor = 100);
    END IF;
END
$$;
