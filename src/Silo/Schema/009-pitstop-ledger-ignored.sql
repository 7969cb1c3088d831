-- An event accepted but worth nothing by the rules (a second referral of the same referee) is
-- recorded on the member's ledger with its reason, as a zero-point entry of kind 'ignored'. Only
-- that kind may carry zero points; every movement still moves at least one.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'pitstop_ledger_entry_points_check') THEN
        ALTER TABLE pitstop_ledger_entry DROP CONSTRAINT pitstop_ledger_entry_points_check;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'pitstop_ledger_entry_points') THEN
        ALTER TABLE pitstop_ledger_entry ADD CONSTRAINT pitstop_ledger_entry_points
            CHECK (points > 0 OR (points = 0 AND kind = 'ignored'));
    END IF;
END
$$;
