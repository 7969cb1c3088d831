-- State of the grains that every event touches (customers, staff, dealerships), written by
-- BatchedGrainStorage many grains per statement. Idempotent.
CREATE TABLE IF NOT EXISTS pitstop_grain_state (
    service_id  varchar(150) NOT NULL,
    grain_id    text         NOT NULL,
    state_name  varchar(150) NOT NULL,
    -- 64-bit: a grain written on every event never wears its version out.
    version     bigint       NOT NULL,
    -- Orleans binary serialization; NULL once cleared (the version stays, so stale writers fail).
    payload     bytea        NULL,
    modified_at timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_id, state_name)
);
