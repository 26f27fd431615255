-- Seed-format clients that cannot send an app key (issue 21): per family, an operator may let the
-- legacy endpoints answer without one. Off by default; every change is kept in family_event.
ALTER TABLE model_family ADD COLUMN legacy_keyless boolean NOT NULL DEFAULT false;

CREATE TABLE family_event (
    id        bigserial PRIMARY KEY,
    family_id bigint      NOT NULL REFERENCES model_family (id),
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    action    text        NOT NULL,
    detail    text
);
CREATE INDEX family_event_by_family ON family_event (family_id, at);
