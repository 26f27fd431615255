-- How soon devices in a rollout's cohort (or on one of its variants) check again while it is
-- active, so a rollback reaches polling devices within minutes (existing rollouts: 2 minutes).
ALTER TABLE rollout ADD COLUMN watch_interval_seconds integer NOT NULL DEFAULT 120;
