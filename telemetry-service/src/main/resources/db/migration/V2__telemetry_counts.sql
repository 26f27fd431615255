-- History of the live counters: one row per minute and cell (family, version, rollout, variant,
-- region) and metric. Rows hold the minute's total, so rolling up again overwrites, never adds.

CREATE TABLE telemetry_counts (
    minute     timestamptz NOT NULL,
    family     text        NOT NULL,
    version    text        NOT NULL,
    rollout_id text        NOT NULL DEFAULT '',
    variant    text        NOT NULL DEFAULT '',
    region     text        NOT NULL DEFAULT '',
    metric     text        NOT NULL,
    value      bigint      NOT NULL,
    PRIMARY KEY (minute, family, version, rollout_id, variant, region, metric)
);
CREATE INDEX telemetry_counts_by_version ON telemetry_counts (family, version, minute);
CREATE INDEX telemetry_counts_by_rollout ON telemetry_counts (rollout_id, minute) WHERE rollout_id <> '';
