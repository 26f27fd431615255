-- Baseline: the service's migration history starts here; domain tables follow in later versions.
SELECT 1;
