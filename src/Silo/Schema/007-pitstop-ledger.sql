-- The ledger journal (program.md, double entry): every movement of points, with both sides.
-- id makes appending idempotent (grains append from an outbox and may append again after a
-- crash); seq is the cursor of the wallet ledgers, read newest first per account.
CREATE TABLE IF NOT EXISTS pitstop_ledger_entry (
    seq             bigserial   PRIMARY KEY,
    id              text        NOT NULL UNIQUE,
    at              timestamptz NOT NULL,
    kind            text        NOT NULL,
    from_account    text        NOT NULL,
    to_account      text        NOT NULL,
    points          bigint      NOT NULL CHECK (points > 0),
    dealership_id   text,
    source_event_id text,
    note            text
);

CREATE INDEX IF NOT EXISTS pitstop_ledger_entry_from ON pitstop_ledger_entry (from_account, seq);
CREATE INDEX IF NOT EXISTS pitstop_ledger_entry_to ON pitstop_ledger_entry (to_account, seq);
-- The expiry sweep asks which wallets were credited on a given day two years ago.
CREATE INDEX IF NOT EXISTS pitstop_ledger_entry_at ON pitstop_ledger_entry (at);
-- A reversal looks up the awards its original event caused.
CREATE INDEX IF NOT EXISTS pitstop_ledger_entry_cause ON pitstop_ledger_entry (source_event_id);
