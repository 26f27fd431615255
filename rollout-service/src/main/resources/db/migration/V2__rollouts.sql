-- Gray releases: rollouts, tester groups, channel defaults and the audit trail.

CREATE TABLE rollout (
    id               text PRIMARY KEY,
    family           text        NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('STABLE', 'BETA', 'INTERNAL')),
    name             text        NOT NULL,
    description      text,
    status           text        NOT NULL CHECK (status IN ('DRAFT', 'RUNNING', 'PAUSED', 'COMPLETED', 'ROLLED_BACK')),
    -- Random per rollout and never changed: it makes buckets sticky and rollouts independent.
    salt             text        NOT NULL,
    baseline_version text        NOT NULL,
    variants         text        NOT NULL, -- JSON [{name, version, weight}]
    rules            text        NOT NULL, -- JSON CohortRules
    stages           text        NOT NULL, -- JSON [{percentage_basis_points, min_bake_seconds}]
    guard            text        NOT NULL, -- JSON guard settings (read by telemetry)
    current_stage    integer     NOT NULL DEFAULT 0,
    percentage_bp    integer     NOT NULL DEFAULT 0 CHECK (percentage_bp BETWEEN 0 AND 10000),
    stage_started_at timestamptz,
    created_at       timestamptz NOT NULL,
    created_by       text        NOT NULL,
    started_at       timestamptz,
    ended_at         timestamptz,
    end_reason       text,
    winner           text,
    updated_at       timestamptz NOT NULL,
    revision         bigint      NOT NULL DEFAULT 0
);
-- At most one active rollout per family and channel: a second start is refused (409).
CREATE UNIQUE INDEX rollout_one_active ON rollout (family, channel) WHERE status IN ('RUNNING', 'PAUSED');
CREATE INDEX rollout_by_family ON rollout (family, channel, status);

CREATE TABLE tester_group (
    name        text PRIMARY KEY,
    description text,
    install_ids text        NOT NULL, -- JSON array of install ids
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    revision    bigint      NOT NULL DEFAULT 0
);

-- The version devices outside any rollout get; absent: the newest published.
CREATE TABLE channel_default (
    id         bigserial PRIMARY KEY,
    family     text        NOT NULL,
    channel    text        NOT NULL CHECK (channel IN ('STABLE', 'BETA', 'INTERNAL')),
    version    text        NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    UNIQUE (family, channel)
);

CREATE TABLE audit_entry (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text        NOT NULL,
    action     text        NOT NULL,
    rollout_id text,
    family     text,
    channel    text,
    before     text, -- JSON of the object before the change
    after      text, -- JSON after
    detail     text
);
CREATE INDEX audit_by_rollout ON audit_entry (rollout_id, id);
CREATE INDEX audit_by_time ON audit_entry (at DESC, id DESC);

-- Every published snapshot takes the next value: versions only grow, across all instances.
CREATE SEQUENCE snapshot_version_seq;
