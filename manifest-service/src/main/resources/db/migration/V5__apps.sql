-- Applications (the apps that embed Otter) and their device app keys. Only the SHA-256 of a key is
-- kept: the key itself is shown once, when it is created.
CREATE TABLE app (
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL
);

CREATE TABLE app_key (
    id          text        PRIMARY KEY,
    app_id      text        NOT NULL REFERENCES app (id),
    key_sha256  char(64)    NOT NULL UNIQUE,
    key_prefix  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    revoked_at  timestamptz,
    revoked_by  text
);
CREATE INDEX app_key_app ON app_key (app_id);
