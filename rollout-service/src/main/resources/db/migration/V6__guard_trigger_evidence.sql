-- The evidence each guard trigger came with (every signal's verdict and statistic), so that
-- GET /api/v1/rollouts/{id}/guard-triggers shows why, not only the reason's text. Older
-- triggers have none.
ALTER TABLE guard_trigger ADD COLUMN evidence jsonb;
