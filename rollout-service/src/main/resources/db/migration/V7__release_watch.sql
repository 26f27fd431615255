-- Release watches: a version that reached a channel's devices without a rollout (its default pinned
-- or changed by hand, or set by a completed rollout) is watched by telemetry's guard against the
-- version it replaced; a breach puts the default back (rollout_id is then null on the trigger).

CREATE TABLE release_watch (
    id               text PRIMARY KEY,
    family           text        NOT NULL,
    channel          text        NOT NULL,
    version          text        NOT NULL,
    previous_version text        NOT NULL,
    -- PINNED or COMPLETED
    cause            text        NOT NULL,
    -- WATCHING, then PASSED, REVERTED or SUPERSEDED (WatchStatus)
    status           text        NOT NULL,
    guard            jsonb       NOT NULL,
    started_at       timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    ended_at         timestamptz,
    end_reason       text,
    started_by       text        NOT NULL,
    revision         bigint      NOT NULL DEFAULT 0
);
-- At most one open watch per family and channel: a new default supersedes the open one.
CREATE UNIQUE INDEX release_watch_open ON release_watch (family, channel) WHERE status = 'WATCHING';
CREATE INDEX release_watch_by_family ON release_watch (family, started_at);

ALTER TABLE guard_trigger ALTER COLUMN rollout_id DROP NOT NULL;
ALTER TABLE guard_trigger ADD COLUMN watch_id text;
CREATE INDEX guard_trigger_by_watch ON guard_trigger (watch_id, received_at);
