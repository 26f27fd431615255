-- The outbox of "check now" signals for the operator's push gateway (the webhook sink). Every
-- manifest-service derives the same signals from the same change; the id (e.g. rollback:<rollout>)
-- makes the first insert win, so each is delivered once. A delivery is retried with back-off until
-- delivered or, after the last try, dead-lettered (status DEAD) for an operator to look at and retry.
CREATE TABLE push_delivery (
    id               text        PRIMARY KEY,
    payload          jsonb       NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    locked_until     timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz
);
CREATE INDEX push_delivery_due ON push_delivery (next_attempt_at) WHERE status = 'PENDING';
