package dev.otter.rollout.rollout.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/** A named list of install ids (e.g. {@code staff}) that rollouts include before anyone else. */
@Entity
@Table(name = "tester_group")
public class TesterGroupEntity {
    @Id
    public String name;

    public String description;

    @Convert(converter = JsonListConverter.Strings.class)
    @Column(name = "install_ids", nullable = false)
    public List<String> installIds;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    @Version
    public long revision;
}
