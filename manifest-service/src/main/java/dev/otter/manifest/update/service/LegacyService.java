package dev.otter.manifest.update.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.otter.contract.AppKeys;
import dev.otter.contract.Channel;
import dev.otter.contract.Identifiers;
import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.artifact.service.DownloadLinks;
import dev.otter.manifest.catalog.CatalogError;
import dev.otter.manifest.catalog.VersionStatus;
import dev.otter.manifest.catalog.snapshot.ArtifactEntry;
import dev.otter.manifest.catalog.snapshot.CatalogSnapshot;
import dev.otter.manifest.catalog.snapshot.FamilyCatalog;
import dev.otter.manifest.catalog.snapshot.VersionEntry;
import dev.otter.manifest.config.ManifestConfig;
import dev.otter.manifest.signing.service.SignedJson;
import dev.otter.manifest.update.api.Action;
import dev.otter.manifest.update.api.ArtifactOffer;
import dev.otter.manifest.update.api.FamilyDecision;
import dev.otter.manifest.update.api.LegacyUpdateRequest;
import dev.otter.manifest.update.api.LegacyUpdateResponse;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints old clients were written for (seed 000's manifest.json, seed 001's model info and
 * update), answered from the same catalog and decided by the same {@link UpdateDecider}.
 */
@ApplicationScoped
public class LegacyService {
    /** A rendered manifest and its strong ETag. */
    /** A rendered manifest: its bytes, their ETag and their signature (the Otter-Signature header value). */
    public record RenderedManifest(byte[] body, String etag, String signature) {}

    private record ManifestKey(String family, Channel channel, long revision, Directive policy, long linkWindow) {}

    private final UpdateCheckService updateCheck;
    private final ManifestConfig.Legacy config;
    private final ObjectMapper json;
    private final DownloadLinks links;
    private final SignedJson signer;
    private final java.time.Duration validity;
    private final UpdateCheckValidator validator;
    private final Map<ManifestKey, RenderedManifest> rendered = new ConcurrentHashMap<>();

    public LegacyService(
            UpdateCheckService updateCheck,
            ManifestConfig config,
            ObjectMapper json,
            DownloadLinks links,
            SignedJson signer) {
        this.signer = signer;
        this.validity = config.signing().validity();
        this.validator = new UpdateCheckValidator(config.updateCheck().maxFamilies());
        this.updateCheck = updateCheck;
        this.links = links;
        this.config = config.legacy();
        this.json = json;
    }

    /**
     * The seed-000 manifest: {@code current_version}, {@code models{tier:{url, size_bytes, sha256,
     * min_app_version, release_notes}}}, {@code rollback_version} and {@code rollback_url_<tier>}.
     * Rendered once per family, channel and catalog revision.
     */
    public RenderedManifest manifest(String familyName, String channelName, boolean keyless) {
        CatalogSnapshot snapshot = updateCheck.requireLoaded();
        FamilyCatalog family = served(family(snapshot, familyName), keyless);
        Channel channel = channel(channelName);
        Directive everyone = updateCheck.directives().everyone(family.name(), channel);
        // The link window is part of the key: stored files' links expire, rendered manifests must not outlive them.
        ManifestKey key = new ManifestKey(family.name(), channel, snapshot.revision(), everyone, links.window());
        RenderedManifest cached = rendered.get(key);
        if (cached != null) {
            return cached;
        }
        if (rendered.size() > 1_000) {
            rendered.clear(); // old revisions; a new revision re-renders on demand
        }
        RenderedManifest fresh = render(family, channel, everyone, snapshot.revision());
        rendered.put(key, fresh);
        return fresh;
    }

    /** Seed 001's {@code GET /v1/model/info}: the version a client should run. */
    public Map<String, Object> info(String familyName, String channelName, boolean keyless) {
        FamilyCatalog family = served(family(updateCheck.requireLoaded(), familyName), keyless);
        Channel channel = channel(channelName);
        VersionEntry current = current(family, channel, updateCheck.directives().everyone(family.name(), channel));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("version", current.version().toString());
        info.put("family", family.name());
        info.put("channel", channel.wireName());
        info.put(
                "released_at",
                current.publishedAt() == null ? null : current.publishedAt().toString());
        info.put("release_notes", current.releaseNotes());
        return info;
    }

    /**
     * Seed 001's {@code POST /v1/model/update}, decided like an update check with what the client
     * tells (region, app version and platform when sent: cohort rules apply). A seed-001 client
     * knows its version, not its file: the file is taken to be that version's in the client's tier,
     * so a patch from it is offered when one is ready (the client checks {@code base_sha256}).
     */
    public LegacyUpdateResponse update(LegacyUpdateRequest request, boolean keyless) {
        SemVer installed = installed(request == null ? null : request.currentVersion());
        Channel channel = channel(request == null ? null : request.channel());
        DeviceProfile device = validator.legacy(request, channel);
        FamilyCatalog family = served(family(updateCheck.requireLoaded(), request.family()), keyless);
        String tier = tier(request.tier(), family, channel);
        FamilyQuery query = new FamilyQuery(family.name(), installed, installedSha256(family, installed, tier), tier);
        FamilyDecision decision = updateCheck
                .decider()
                .decide(new DecisionInput(
                        device, query, family, updateCheck.directives().directive(device, query)));
        if (decision.action() != Action.UPDATE && decision.action() != Action.ROLLBACK) {
            return new LegacyUpdateResponse(false, installed == null ? null : installed.toString(), null);
        }
        ArtifactOffer file = decision.artifact();
        return new LegacyUpdateResponse(
                true, decision.version(), file.url(), file.sha256(), file.sizeBytes(), file.patch());
    }

    // The file a client on this version and tier holds, if the catalog has it.
    private static String installedSha256(FamilyCatalog family, SemVer installed, String tier) {
        if (installed == null) {
            return null;
        }
        return family.find(installed)
                .flatMap(v -> v.artifact(tier))
                .map(ArtifactEntry::sha256)
                .orElse(null);
    }

    private RenderedManifest render(FamilyCatalog family, Channel channel, Directive everyone, long revision) {
        VersionEntry current = current(family, channel, everyone);
        Optional<VersionEntry> previous = family.versionsNewestFirst().stream()
                .filter(v -> v.status() != VersionStatus.RETIRED && channel.sees(v.channel()))
                .filter(v -> !everyone.leave().containsKey(v.version()))
                .filter(v -> v.version().isOlderThan(current.version()))
                .findFirst();
        // Old clients decode every field as present: with no older version, "rolling back" points
        // at the current one, which is a no-op for them.
        VersionEntry rollback = previous.orElse(current);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("current_version", current.version().toString());
        Map<String, Object> models = new LinkedHashMap<>();
        for (ArtifactEntry a : current.artifacts()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("url", links.resolve(a.url()));
            model.put("size_bytes", a.sizeBytes());
            model.put("sha256", a.sha256());
            SemVer minApp = a.requirements().minAppVersion();
            model.put("min_app_version", minApp == null ? "0.0.0" : minApp.toString());
            String notes = a.releaseNotes() != null ? a.releaseNotes() : current.releaseNotes();
            model.put("release_notes", notes == null ? "" : notes);
            models.put(a.tier(), model);
        }
        body.put("models", models);
        body.put("rollback_version", rollback.version().toString());
        for (ArtifactEntry a : rollback.artifacts()) {
            body.put("rollback_url_" + a.tier(), links.resolve(a.url()));
        }
        // After the seed fields, which keep their order. Signed freshness (old clients ignore these): re-rendered at
        // least every link window.
        Instant issued = Instant.now();
        body.put("issued_at", issued.toString());
        body.put("expires_at", issued.plus(validity).toString());
        body.put("catalog_revision", revision);
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            SignedJson.Signed signed = signer.sign(bytes);
            return new RenderedManifest(bytes, etag(bytes), signed.signature());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render manifest", e);
        }
    }

    /** The newest published version everyone outside a rollout gets (the policy's ceiling, minus rolled-back ones). */
    private static VersionEntry current(FamilyCatalog family, Channel channel, Directive everyone) {
        return family.versionsNewestFirst().stream()
                .filter(v -> v.isPublished() && channel.sees(v.channel()))
                .filter(v -> everyone.ceiling() == null || !v.version().isNewerThan(everyone.ceiling()))
                .filter(v -> !everyone.leave().containsKey(v.version()))
                .findFirst()
                .orElseThrow(() -> new ApiException(
                        CatalogError.NOTHING_PUBLISHED,
                        "no published version of " + family.name() + " on " + channel.wireName()));
    }

    /**
     * Whether a request without an app key for {@code requested} (null: the default family) may be
     * admitted: the family it would be served is one an operator opened to key-less clients.
     */
    public boolean keylessAllowed(String requested) {
        CatalogSnapshot snapshot = updateCheck.loaded();
        if (snapshot == null) {
            return false;
        }
        try {
            return family(snapshot, requested).legacyKeyless();
        } catch (ApiException unknownOrAmbiguous) {
            return false; // not admitted: the key check answers 401
        }
    }

    // A request that came without an app key is served only a family open to key-less clients.
    private static FamilyCatalog served(FamilyCatalog family, boolean keyless) {
        if (keyless && !family.legacyKeyless()) {
            throw new ApiException(
                    CommonError.APP_KEY_REJECTED,
                    AppKeys.HEADER + " header is missing (family '" + family.name()
                            + "' does not answer legacy clients without a key)");
        }
        return family;
    }

    private FamilyCatalog family(CatalogSnapshot snapshot, String requested) {
        String name = requested != null ? requested : config.defaultFamily().orElse(null);
        if (name == null) {
            if (snapshot.families().size() != 1) {
                throw new ApiException(
                        CatalogError.FAMILY_REQUIRED,
                        "name the model family (?family=...): the catalog holds "
                                + snapshot.families().size());
            }
            return snapshot.families().values().iterator().next();
        }
        return snapshot.family(name)
                .orElseThrow(() -> new ApiException(CatalogError.FAMILY_NOT_FOUND, "no model family '" + name + "'"));
    }

    private Channel channel(String requested) {
        try {
            return Channel.parse(requested == null ? config.defaultChannel() : requested);
        } catch (IllegalArgumentException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "channel " + Identifiers.CHANNEL_MESSAGE);
        }
    }

    private String tier(String requested, FamilyCatalog family, Channel channel) {
        if (requested != null) {
            return requested;
        }
        return config.defaultTier().orElseGet(() -> current(
                        family, channel, updateCheck.directives().everyone(family.name(), channel))
                .artifacts()
                .get(0)
                .tier());
    }

    private static SemVer installed(String currentVersion) {
        if (currentVersion == null || currentVersion.isBlank()) {
            return null;
        }
        try {
            return SemVer.parseLenient(currentVersion);
        } catch (InvalidVersionException e) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "current_version: " + e.getMessage());
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an If-None-Match header matches the ETag ({@code *}, or one of a comma-separated list). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
