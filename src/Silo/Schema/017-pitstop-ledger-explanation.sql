-- Every earning names the rule that computed it, the inputs the rule read and the program version
-- it belongs to; a reversal names the entry it reverses. Additive: entries written before carry
-- none of them.
ALTER TABLE pitstop_ledger_entry ADD COLUMN IF NOT EXISTS rule text;
ALTER TABLE pitstop_ledger_entry ADD COLUMN IF NOT EXISTS rule_inputs jsonb;
ALTER TABLE pitstop_ledger_entry ADD COLUMN IF NOT EXISTS program_version integer;
ALTER TABLE pitstop_ledger_entry ADD COLUMN IF NOT EXISTS reverses text;
