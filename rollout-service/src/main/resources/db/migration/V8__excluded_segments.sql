-- Segments (regions) the guard took out of a rollout because a breach was confined to them, with
-- why and when: their devices leave the cohort and those on a variant go back to the baseline.
ALTER TABLE rollout ADD COLUMN excluded_segments text NOT NULL DEFAULT '[]';
