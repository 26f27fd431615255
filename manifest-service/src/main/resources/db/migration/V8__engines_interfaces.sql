-- Engines as releases and model interfaces (issue 21).
-- A family is a MODEL (weights) or an ENGINE (the inference runtime, one artifact per platform/ABI,
-- its tier). A model version names the engine family and the inclusive range of its versions that
-- load it, and the interface it implements (chat@2). An artifact that adapts_interface is not a
-- model file but an adapter (prompt template, tokenizer config) that lets an app on that interface
-- use the version.
ALTER TABLE model_family ADD COLUMN kind text NOT NULL DEFAULT 'MODEL';
ALTER TABLE model_version ADD COLUMN engine_family text;
ALTER TABLE model_version ADD COLUMN engine_min text;
ALTER TABLE model_version ADD COLUMN engine_max text;
ALTER TABLE model_version ADD COLUMN model_interface text;
ALTER TABLE model_artifact ADD COLUMN adapts_interface text;
