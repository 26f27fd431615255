package dev.otter.rollout.rollout.service;

import dev.otter.contract.rollout.Bucketing;
import dev.otter.contract.rollout.Cohort;
import dev.otter.contract.rollout.CohortMatch;
import dev.otter.contract.rollout.DeviceAttributes;
import dev.otter.contract.rollout.Variant;
import dev.otter.contract.rollout.VariantPicker;
import dev.otter.contract.version.SemVer;
import dev.otter.rollout.rollout.RolloutStatus;
import dev.otter.rollout.rollout.api.AssignmentView;
import dev.otter.rollout.rollout.repository.RolloutEntity;
import dev.otter.rollout.rollout.repository.TesterGroupEntity;
import dev.otter.rollout.rollout.repository.TesterGroupRepository;
import dev.otter.support.error.FieldErrors;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Explains one device's assignment in one rollout with the same code the manifest-services decide
 * with (otter-contract): bucket, the rule that decided, variant, version.
 */
@ApplicationScoped
public class AssignmentService {
    private final RolloutWrites rollouts;
    private final TesterGroupRepository groups;

    public AssignmentService(RolloutWrites rollouts, TesterGroupRepository groups) {
        this.rollouts = rollouts;
        this.groups = groups;
    }

    /** The device as query parameters describe it. */
    public record DeviceQuery(
            String installId,
            String region,
            String appVersion,
            String runtimeVersion,
            String platform,
            String osVersion,
            String deviceModel,
            Integer ramMb) {}

    @WithSession
    public Uni<AssignmentView> explain(String rolloutId, DeviceQuery q) {
        DeviceAttributes device = attributes(q);
        return rollouts.get(rolloutId).chain(r -> testers(r).map(testers -> explain(r, device, testers)));
    }

    private static AssignmentView explain(RolloutEntity r, DeviceAttributes device, Set<String> testers) {
        int percentage =
                r.status == RolloutStatus.DRAFT ? r.stages.get(0).percentageBasisPoints() : r.percentageBasisPoints;
        CohortMatch match = Cohort.compile(r.rules, testers).match(device, r.salt, percentage);
        int variantBucket = Bucketing.variantBucket(r.salt, device.installId());
        Variant variant = new VariantPicker(r.variants).pick(variantBucket);
        boolean offered = match.inCohort() && r.status == RolloutStatus.RUNNING;
        String version = offered ? variant.version() : r.baselineVersion;
        return new AssignmentView(
                r.id,
                r.status.name(),
                device.installId(),
                match.inCohort(),
                match.rule(),
                match.detail(),
                match.bucket(),
                RolloutDefinitions.percentage(percentage),
                match.inCohort() ? variant.name() : null,
                variantBucket,
                version,
                explanation(r, match, variant, offered));
    }

    private static String explanation(RolloutEntity r, CohortMatch match, Variant variant, boolean offered) {
        String cohort = (match.inCohort() ? "in the cohort (" : "outside the cohort (") + match.rule() + ": "
                + match.detail() + ")";
        return switch (r.status) {
            case DRAFT ->
                "would be " + cohort + " at the first stage" + (match.inCohort() ? ", variant " + variant.name() : "");
            case RUNNING ->
                offered
                        ? cohort + ": variant " + variant.name() + " gets " + variant.version()
                        : cohort + ": gets the baseline " + r.baselineVersion;
            case PAUSED -> cohort + "; the rollout is paused, so it is offered the baseline " + r.baselineVersion;
            case COMPLETED -> "the rollout completed; the channel default applies";
            case ROLLED_BACK ->
                "the rollout was rolled back (" + r.endReason + "); devices on its versions go back to "
                        + r.baselineVersion;
        };
    }

    private Uni<Set<String>> testers(RolloutEntity r) {
        if (r.rules.testerGroups().isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return groups.find("name in ?1", r.rules.testerGroups()).list().map(found -> {
            Set<String> ids = new HashSet<>();
            for (TesterGroupEntity g : found) {
                ids.addAll(g.installIds);
            }
            return ids;
        });
    }

    private static DeviceAttributes attributes(DeviceQuery q) {
        FieldErrors errors = new FieldErrors();
        if (q.installId() == null || q.installId().isBlank() || q.installId().length() > 128) {
            errors.add("installId", "is required (1-128 characters)");
        }
        SemVer app = RolloutDefinitions.lenient(q.appVersion(), "appVersion", errors);
        SemVer runtime = RolloutDefinitions.lenient(q.runtimeVersion(), "runtimeVersion", errors);
        SemVer os = RolloutDefinitions.lenient(q.osVersion(), "osVersion", errors);
        if (q.ramMb() != null && q.ramMb() < 0) {
            errors.add("ramMb", "must not be negative");
        }
        errors.throwIfAny();
        return new DeviceAttributes(
                q.installId(),
                q.region() == null ? null : q.region().strip().toUpperCase(Locale.ROOT),
                app,
                runtime,
                q.platform() == null ? null : q.platform().strip().toLowerCase(Locale.ROOT),
                os,
                q.deviceModel(),
                q.ramMb());
    }
}
