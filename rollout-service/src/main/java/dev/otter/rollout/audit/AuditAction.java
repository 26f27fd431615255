package dev.otter.rollout.audit;

/** What an audit entry records; stored and shown by name. */
public enum AuditAction {
    CREATE,
    EDIT_RULES,
    EDIT_STAGES,
    START,
    PAUSE,
    RESUME,
    ADVANCE,
    ADVANCE_FORCED,
    SET_PERCENTAGE,
    ROLLBACK,
    COMPLETE,
    EXCLUDE_SEGMENT,
    SET_CHANNEL_DEFAULT,
    UNSET_CHANNEL_DEFAULT,
    CREATE_TESTER_GROUP,
    UPDATE_TESTER_GROUP,
    DELETE_TESTER_GROUP
}
