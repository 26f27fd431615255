-- Uploaded model files, content-addressed by sha256 (one row per distinct file), and what their
-- GGUF header declares. An artifact added with "file" takes its size, sha256 and quantization from
-- here, and its primary URL is otter-store:<sha256> (devices get an expiring link to this service).
CREATE TABLE stored_file (
    sha256        char(64)    PRIMARY KEY,
    size_bytes    bigint      NOT NULL CHECK (size_bytes > 0),
    gguf_version  integer     NOT NULL,
    architecture  text,
    quantization  text,
    tensor_count  integer     NOT NULL,
    uploaded_at   timestamptz NOT NULL,
    uploaded_by   text        NOT NULL
);

ALTER TABLE model_artifact
    ADD COLUMN gguf_version  integer,
    ADD COLUMN architecture  text,
    ADD COLUMN tensor_count  integer;
