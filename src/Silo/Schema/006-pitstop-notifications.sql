-- The notification feed (program.md, notifications): durable and ordered. seq is the position a
-- reader passes back as ?after=; id makes appending idempotent, so a grain that crashed after
-- appending and before recording it can append the same notification again.
CREATE TABLE IF NOT EXISTS pitstop_notification (
    seq         bigserial   PRIMARY KEY,
    id          text        NOT NULL UNIQUE,
    type        text        NOT NULL,
    target      text        NOT NULL,
    at          timestamptz NOT NULL,
    data        jsonb       NOT NULL
);
