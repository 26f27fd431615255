package dev.otter.manifest.update.service;

import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.catalog.snapshot.CatalogCache;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.rollout.snapshot.RolloutStateCache;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.manifest.update.api.UpdateCheckResponse;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Answers update checks from the in-memory catalog: validate, decide per family, add the next-check hint. */
@ApplicationScoped
public class UpdateCheckService {
    private final CatalogCache catalog;
    private final RolloutStateCache rolloutState;
    private final RolloutDirectives directives;
    private final UpdateCheckValidator validator;
    private final UpdateDecider decider;
    private final JointDecisions joint;
    private final long checkIntervalSeconds;
    private final double jitter;
    private final java.time.Duration validity;

    public UpdateCheckService(
            CatalogCache catalog,
            RolloutStateCache rolloutState,
            RolloutDirectives directives,
            ManifestConfig config,
            DownloadLinks links) {
        this.catalog = catalog;
        this.rolloutState = rolloutState;
        this.directives = directives;
        this.validator = new UpdateCheckValidator(config.updateCheck().maxFamilies());
        this.decider = new UpdateDecider(config.updateCheck().wifiOnlyAboveBytes(), links::resolve);
        this.joint = new JointDecisions(decider);
        this.checkIntervalSeconds = config.updateCheck().checkInterval().toSeconds();
        this.jitter = config.updateCheck().checkIntervalJitter();
        this.validity = config.signing().validity();
    }

    public UpdateCheckResponse check(UpdateCheckRequest request) {
        UpdateCheckValidator.ValidCheck check = validator.validate(request);
        CatalogSnapshot snapshot = requireLoaded();
        List<Directive> policy = new ArrayList<>(check.queries().size());
        long interval = checkIntervalSeconds;
        for (FamilyQuery query : check.queries()) {
            Directive directive = directives.directive(check.device(), query);
            if (directive.watchSeconds() > 0) {
                interval = Math.min(interval, directive.watchSeconds());
            }
            policy.add(directive);
        }
        List<FamilyDecision> decisions =
                joint.decide(check.device(), JointDecisions.asked(check.queries(), snapshot, policy));
        // Issued at the start of the current minute: answers for devices in the same state are then
        // byte-identical within the minute, and their signature is computed once (see SignedJson).
        Instant issued = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60);
        return new UpdateCheckResponse(
                decisions, checkAgainAfter(interval), snapshot.revision(), issued, issued, issued.plus(validity));
    }

    /** The decider, for other device endpoints (legacy) that decide the same way. */
    public UpdateDecider decider() {
        return decider;
    }

    /** The rollout directives, for the legacy endpoints. */
    public RolloutDirectives directives() {
        return directives;
    }

    /** The catalog copy if it is loaded, else null (for a check that must not fail). */
    public CatalogSnapshot loaded() {
        CatalogSnapshot snapshot = catalog.current();
        return snapshot.isLoaded() ? snapshot : null;
    }

    /**
     * The current catalog, or a 503 before the catalog and the complete rollout state are loaded
     * (never a wrong "unknown family", never a gray release offered to everyone).
     */
    public CatalogSnapshot requireLoaded() {
        CatalogSnapshot snapshot = catalog.current();
        if (!snapshot.isLoaded()) {
            throw new ApiException(CommonError.BACKEND_UNAVAILABLE, "the catalog is not loaded yet; retry shortly");
        }
        if (!rolloutState.isKnown()) {
            throw new ApiException(
                    CommonError.BACKEND_UNAVAILABLE, "the rollout state has not been published yet; retry shortly");
        }
        return snapshot;
    }

    // Jittered in 16 steps across ±jitter: enough to spread a fleet, few enough that identical
    // answers stay identical often (their signatures are cached). The interval is the long one, or
    // the shortest watch interval of a rollout that watches this device.
    private long checkAgainAfter(long intervalSeconds) {
        int step = ThreadLocalRandom.current().nextInt(JITTER_STEPS);
        double factor = 1 + jitter * (2.0 * step / (JITTER_STEPS - 1) - 1);
        return Math.max(MIN_CHECK_AGAIN_SECONDS, Math.round(intervalSeconds * factor));
    }

    // Below a watch interval's floor only by jitter (30 s − 20 %).
    private static final long MIN_CHECK_AGAIN_SECONDS = 20;

    private static final int JITTER_STEPS = 16;
}
