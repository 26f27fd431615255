-- Delta patches between stored files, made in the background when a version is published (from
-- the same tier of its last N predecessors). Content-addressed: one row per (base, target) pair.
CREATE TABLE artifact_patch (
    id              bigserial   PRIMARY KEY,
    family          text        NOT NULL,
    tier            text        NOT NULL,
    from_version    text        NOT NULL,
    to_version      text        NOT NULL,
    base_sha256     char(64)    NOT NULL,
    target_sha256   char(64)    NOT NULL,
    -- PENDING -> RUNNING -> READY | TOO_LARGE | FAILED
    status          text        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'READY', 'TOO_LARGE', 'FAILED')),
    target_bytes    bigint      NOT NULL,
    progress_bytes  bigint      NOT NULL DEFAULT 0,
    patch_sha256    char(64),
    patch_bytes     bigint,
    detail          text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (base_sha256, target_sha256)
);
CREATE INDEX artifact_patch_pending ON artifact_patch (id) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX artifact_patch_version ON artifact_patch (family, to_version);
