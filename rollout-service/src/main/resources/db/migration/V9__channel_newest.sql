-- The newest published version of each family's channel as rollout-service last saw it in the
-- catalog: a channel without a default gives devices its newest version, so a newer one appearing
-- opens a release watch against the one it replaced.
CREATE TABLE channel_newest (
    family  text        NOT NULL,
    channel text        NOT NULL,
    version text        NOT NULL,
    seen_at timestamptz NOT NULL,
    PRIMARY KEY (family, channel)
);
