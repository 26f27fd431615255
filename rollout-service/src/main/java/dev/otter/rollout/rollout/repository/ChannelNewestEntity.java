package dev.otter.rollout.rollout.repository;

import dev.otter.contract.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** The newest published version of a family's channel, as last seen in the catalog. */
@Entity
@Table(name = "channel_newest")
@IdClass(ChannelNewestEntity.Key.class)
public class ChannelNewestEntity {
    @Id
    public String family;

    @Id
    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Column(nullable = false)
    public String version;

    @Column(name = "seen_at", nullable = false)
    public Instant seenAt;

    /** Family and channel. */
    public record Key(String family, Channel channel) implements Serializable {}
}
