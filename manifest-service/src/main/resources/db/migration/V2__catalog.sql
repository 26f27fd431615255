-- The model catalog: families, their versions (immutable once published) and one artifact per tier.

CREATE TABLE model_family (
    id           bigserial PRIMARY KEY,
    name         text        NOT NULL UNIQUE,
    display_name text,
    description  text,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL
);

CREATE TABLE model_version (
    id             bigserial PRIMARY KEY,
    family_id      bigint      NOT NULL REFERENCES model_family (id),
    -- Normalised SemVer 2.0 without build metadata; ordering is done by the application's SemVer.
    version        text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'DEPRECATED', 'RETIRED')),
    channel        text        NOT NULL CHECK (channel IN ('STABLE', 'BETA', 'INTERNAL')),
    release_notes  text,
    change_summary text,
    urgent         boolean     NOT NULL DEFAULT false,
    urgent_reason  text,
    -- Why it was deprecated or retired; devices are told.
    status_reason  text,
    created_at     timestamptz NOT NULL,
    created_by     text        NOT NULL,
    published_at   timestamptz,
    published_by   text,
    UNIQUE (family_id, version)
);

CREATE TABLE model_artifact (
    id                  bigserial PRIMARY KEY,
    version_id          bigint      NOT NULL REFERENCES model_version (id),
    tier                text        NOT NULL,
    urls                text[]      NOT NULL,
    size_bytes          bigint      NOT NULL CHECK (size_bytes > 0),
    sha256              char(64)    NOT NULL,
    format              text        NOT NULL,
    quantization        text,
    release_notes       text,
    min_app_version     text,
    min_runtime_version text,
    max_runtime_version text,
    min_ram_mb          integer     NOT NULL DEFAULT 0 CHECK (min_ram_mb >= 0),
    min_free_storage_mb integer     NOT NULL DEFAULT 0 CHECK (min_free_storage_mb >= 0),
    accelerator         text,
    -- each "platform" or "platform>=min_os_version", e.g. android>=12
    platforms           text[]      NOT NULL DEFAULT '{}',
    device_model_deny   text[]      NOT NULL DEFAULT '{}',
    created_at          timestamptz NOT NULL,
    UNIQUE (version_id, tier)
);

-- Every change of a version, for traceability (T/ISC 6.2): who, when, what.
CREATE TABLE version_event (
    id          bigserial PRIMARY KEY,
    version_id  bigint      NOT NULL REFERENCES model_version (id),
    at          timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    from_status text,
    to_status   text,
    detail      text
);
CREATE INDEX version_event_by_version ON version_event (version_id, at);

-- One row: bumped in the same transaction as every change devices can see, so that a
-- manifest-service can tell cheaply whether its in-memory copy is behind.
CREATE TABLE catalog_state (
    id       integer PRIMARY KEY CHECK (id = 1),
    revision bigint  NOT NULL
);
INSERT INTO catalog_state (id, revision) VALUES (1, 0);
