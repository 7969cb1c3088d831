-- The engine's own tables for event intake. Idempotent: safe to run at every silo start.

-- The durable idempotency record: one row per (source, id) ever accepted, kept forever.
-- published = false means the intake stored the key but may not have put the event on its streams
-- (it crashed in between); a retry of that event publishes it again instead of calling it a duplicate.
CREATE TABLE IF NOT EXISTS pitstop_event_key (
    source      varchar(32)  NOT NULL,
    id          varchar(128) NOT NULL,
    received_at timestamptz  NOT NULL DEFAULT now(),
    published   boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (source, id)
);

-- The event queue behind the PostgreSQL stream provider. A row is one producer call on one stream;
-- queue_id is its partition. Rows are leased (visible_at pushed forward, dequeue_count bumped) when
-- read and deleted only when delivered, by the exact lease that delivered them.
CREATE TABLE IF NOT EXISTS pitstop_event_queue (
    seq           bigserial   PRIMARY KEY,
    queue_id      integer     NOT NULL,
    payload       bytea       NOT NULL,
    enqueued_at   timestamptz NOT NULL DEFAULT now(),
    visible_at    timestamptz NOT NULL DEFAULT now(),
    dequeue_count integer     NOT NULL DEFAULT 0
);

CREATE INDEX IF NOT EXISTS pitstop_event_queue_ready ON pitstop_event_queue (queue_id, seq);
