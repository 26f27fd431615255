-- Object-valued columns become jsonb: Hibernate maps them with its JSON type (StoredJsonFormat)
-- instead of hand-written converters over text; the stored JSON is unchanged (the StoredJson form).
-- List-valued columns (variants, stages, tester group members) stay text: Hibernate Reactive binds
-- its JSON type as a JSON object only (see JsonListConverter).
ALTER TABLE rollout
    ALTER COLUMN rules TYPE jsonb USING rules::jsonb,
    ALTER COLUMN guard TYPE jsonb USING guard::jsonb;
