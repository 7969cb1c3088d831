-- The loyalty analytics sum a dealership's customer awards and redemptions: entries by dealership
-- and kind, without scanning the whole journal.
CREATE INDEX IF NOT EXISTS pitstop_ledger_entry_dealership ON pitstop_ledger_entry (dealership_id, kind);
