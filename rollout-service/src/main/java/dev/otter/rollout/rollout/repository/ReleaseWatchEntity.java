package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import dev.otter.contract.rollout.GuardSettings;
import dev.otter.contract.rollout.ReleaseWatch;
import dev.otter.rollout.rollout.WatchStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A version watched after it reached a channel's devices without a rollout ({@link ReleaseWatch}). */
@Entity
@Table(name = "release_watch")
public class ReleaseWatchEntity {
    @Id
    public String id;

    @Column(nullable = false)
    public String family;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String version;

    @Column(name = "previous_version", nullable = false)
    public String previousVersion;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ReleaseWatch.Cause cause;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public WatchStatus status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public GuardSettings guard;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "started_by", nullable = false)
    public String startedBy;

    @Version
    public long revision;
}
