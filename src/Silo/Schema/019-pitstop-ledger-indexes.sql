-- The journal's indexes are the ones its queries need (PostgresLedgerJournal): every entry was
-- inserted into seven b-trees. Now:
--   id (UNIQUE)           idempotent appends: an entry written twice (crash, redelivery) stays one row
--   from / to (account, seq)  wallet and budget ledgers, recent awards, day sums
--   dealership (dealership_id, kind)  the loyalty panel's customer flows
--   cause (source_event_id), awards only  a reversal's awards (AwardsCausedByAsync asks kind 'award')
--   at, BRIN              the hourly expiry sweep's window (MembersCreditedAsync); entries are
--                         appended in about the order of their time, so a block range summary
--                         serves it at a fraction of a b-tree's cost per insert
-- The primary key on seq goes: no query looks a row up by seq alone (pages go through the account
-- indexes, seq their second column), and bigserial keeps it unique without an index.
-- Idempotent and cheap on every start: each change is made only while the old form is there, and
-- the replacements keep 007's names, so its CREATE INDEX IF NOT EXISTS leaves them as they are.
-- The first start after an upgrade locks the journal while the indexes are rebuilt.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_constraint WHERE conrelid = 'pitstop_ledger_entry'::regclass AND conname = 'pitstop_ledger_entry_pkey') THEN
        ALTER TABLE pitstop_ledger_entry DROP CONSTRAINT pitstop_ledger_entry_pkey;
    END IF;

    IF EXISTS (
        SELECT FROM pg_class c JOIN pg_am am ON am.oid = c.relam
        WHERE c.oid = to_regclass('pitstop_ledger_entry_at') AND am.amname <> 'brin') THEN
        DROP INDEX pitstop_ledger_entry_at;
        CREATE INDEX pitstop_ledger_entry_at ON pitstop_ledger_entry USING brin (at) WITH (autosummarize = on);
    END IF;

    IF EXISTS (SELECT FROM pg_index WHERE indexrelid = to_regclass('pitstop_ledger_entry_cause') AND indpred IS NULL) THEN
        DROP INDEX pitstop_ledger_entry_cause;
        CREATE INDEX pitstop_ledger_entry_cause ON pitstop_ledger_entry (source_event_id) WHERE kind = 'award';
    END IF;
END
$$;
