package dev.otter.manifest.update.service;

import dev.otter.contract.rollout.ChannelPolicy;
import dev.otter.contract.rollout.DeviceAttributes;
import dev.otter.contract.rollout.PolicyOutcome;
import dev.otter.manifest.rollout.snapshot.FamilyPolicies;
import dev.otter.manifest.rollout.snapshot.RolloutStateCache;
import dev.otter.manifest.update.api.Assignment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Turns the rollout state into a {@link Directive} for one device and family: the version ceiling
 * (its variant in a running rollout's cohort, else the baseline or channel default), the assignment
 * to report, and the versions it must leave because their rollout was rolled back. No rollout state
 * for the family: the newest published version.
 */
@ApplicationScoped
public class RolloutDirectives {
    private final RolloutStateCache cache;

    public RolloutDirectives(RolloutStateCache cache) {
        this.cache = cache;
    }

    /**
     * What policy says for this device and family; it may ask for a version by name when it is a
     * tester of the family's rollout or on the internal channel (one rule, here).
     */
    public Directive directive(DeviceProfile device, FamilyQuery query) {
        ChannelPolicy policy = policy(query.family(), device);
        boolean internal = device.channel() == dev.otter.contract.Channel.INTERNAL;
        if (policy == null) {
            return Directive.NEWEST.mayRequest(internal);
        }
        PolicyOutcome o = policy.evaluate(attributes(device));
        // A paused rollout still attributes the devices that run its variant (telemetry needs it);
        // a device in its cohort that never updated is not on the rollout.
        boolean report = o.assigned() && (!o.paused() || Objects.equals(query.installedVersion(), o.variantVersion()));
        return new Directive(
                o.ceiling(),
                report ? new Assignment(o.rolloutId(), o.variant()) : null,
                o.rolledBack(),
                policy.watchSeconds(o, query.installedVersion()),
                internal || policy.isTester(device.installId()));
    }

    /** What every device outside a rollout gets on a channel (the legacy manifest is the same for all). */
    public Directive everyone(String family, dev.otter.contract.Channel channel) {
        FamilyPolicies policies = cache.family(family);
        ChannelPolicy policy = policies == null ? null : policies.channel(channel);
        if (policy == null) {
            return Directive.NEWEST;
        }
        PolicyOutcome o = policy.outsideCohort();
        return new Directive(o.ceiling(), null, o.rolledBack());
    }

    private ChannelPolicy policy(String family, DeviceProfile device) {
        FamilyPolicies policies = cache.family(family);
        return policies == null ? null : policies.channel(device.channel());
    }

    private static DeviceAttributes attributes(DeviceProfile d) {
        return new DeviceAttributes(
                d.installId(),
                d.region(),
                d.appVersion(),
                d.runtimeVersion(),
                d.platform(),
                d.osVersion(),
                d.deviceModel(),
                d.ramMb(),
                d.deviceClass());
    }
}
