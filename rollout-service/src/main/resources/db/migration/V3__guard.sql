-- Automatic stage advance, and every rollback demand received from telemetry's crash-rate guard.

ALTER TABLE rollout ADD COLUMN auto_advance boolean NOT NULL DEFAULT false;

CREATE TABLE guard_trigger (
    trigger_id  text PRIMARY KEY,
    rollout_id  text        NOT NULL,
    received_at timestamptz NOT NULL,
    -- APPLIED (this trigger rolled the rollout back) or IGNORED (it was no longer active)
    outcome     text        NOT NULL,
    detail      text        NOT NULL
);
CREATE INDEX guard_trigger_by_rollout ON guard_trigger (rollout_id, received_at);
