package dev.otter.manifest.update.service;

import dev.otter.contract.Channel;
import dev.otter.contract.Identifiers;
import dev.otter.contract.version.InvalidVersionException;
import dev.otter.contract.version.SemVer;
import dev.otter.manifest.update.api.LegacyUpdateRequest;
import dev.otter.manifest.update.api.UpdateCheckRequest;
import dev.otter.support.error.ApiException;
import dev.otter.support.error.CommonError;
import dev.otter.support.error.FieldErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a raw update-check request into a {@link DeviceProfile} and family queries, or a 400 that
 * lists every offending field. Install ids must be random per installation: shapes of common
 * hardware identifiers (IMEI/MEID digits, MAC addresses, 16-hex Android ids) are refused.
 */
public final class UpdateCheckValidator {
    private static final Pattern DIGITS_14_TO_17 = Pattern.compile("^\\d{14,17}$");
    private static final Pattern HEX_12_OR_16 = Pattern.compile("^([0-9A-Fa-f]{12}|[0-9A-Fa-f]{16})$");
    private static final Pattern ACCELERATOR = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");
    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final int MAX_TEXT = 128;

    private final int maxFamilies;

    public UpdateCheckValidator(int maxFamilies) {
        this.maxFamilies = maxFamilies;
    }

    /** A valid request: the device and one query per family, in the order asked. */
    public record ValidCheck(DeviceProfile device, List<FamilyQuery> queries) {}

    public ValidCheck validate(UpdateCheckRequest r) {
        if (r == null) {
            throw new ApiException(CommonError.VALIDATION_FAILED, "request body is required");
        }
        FieldErrors errors = new FieldErrors();
        String installId = installId(r.installId(), errors);
        SemVer app = version(r.appVersion(), "app_version", true, errors);
        SemVer runtime = version(r.runtimeVersion(), "runtime_version", true, errors);
        String platform = lowerMatching(
                r.platform(), "platform", Identifiers.PLATFORM_PATTERN, Identifiers.PLATFORM_MESSAGE, true, errors);
        SemVer os = version(r.osVersion(), "os_version", true, errors);
        String model = text(r.deviceModel(), "device_model", errors);
        Integer ram = nonNegative(r.ramMb(), "ram_mb", errors);
        Integer storage = nonNegative(r.freeStorageMb(), "free_storage_mb", errors);
        String accelerator = r.accelerator() == null || r.accelerator().isBlank()
                ? DeviceProfile.NO_ACCELERATOR
                : lowerMatching(
                        r.accelerator(),
                        "accelerator",
                        ACCELERATOR,
                        "must be a short lower-case name, e.g. npu",
                        false,
                        errors);
        String region = region(r.region(), errors);
        String deviceClass = lowerMatching(
                r.deviceClass(),
                "device_class",
                Identifiers.DEVICE_CLASS_PATTERN,
                Identifiers.DEVICE_CLASS_MESSAGE,
                false,
                errors);
        Channel channel = channel(r.channel(), errors);
        String abi = lowerMatching(r.abi(), "abi", Identifiers.ABI_PATTERN, Identifiers.ABI_MESSAGE, false, errors);
        Set<String> interfaces = interfaces(r.interfaces(), errors);
        List<FamilyQuery> queries = queries(r.models(), errors);
        errors.throwIfAny();
        return new ValidCheck(
                new DeviceProfile(
                        installId,
                        app,
                        runtime,
                        platform,
                        os,
                        model,
                        ram,
                        storage,
                        accelerator,
                        region,
                        channel,
                        deviceClass,
                        abi,
                        interfaces),
                queries);
    }

    /**
     * What a seed-001 client tells about itself: its id (1-128 characters, as seed 001 allows) and,
     * when it sends them, region, app version and platform, checked like an update check's.
     */
    public DeviceProfile legacy(LegacyUpdateRequest r, Channel channel) {
        if (r == null
                || r.deviceId() == null
                || r.deviceId().isBlank()
                || r.deviceId().length() > 128) {
            throw new ApiException(CommonError.INVALID_PARAMETER, "device_id is required (1-128 characters)");
        }
        FieldErrors errors = new FieldErrors();
        SemVer app = version(r.appVersion(), "app_version", false, errors);
        String platform = lowerMatching(
                r.platform(), "platform", Identifiers.PLATFORM_PATTERN, Identifiers.PLATFORM_MESSAGE, false, errors);
        String region = r.region() == null ? null : region(r.region(), errors);
        errors.throwIfAny();
        return new DeviceProfile(r.deviceId(), app, null, platform, null, null, null, null, null, region, channel);
    }

    private static String installId(String id, FieldErrors errors) {
        if (id == null) {
            errors.add("install_id", "is required");
        } else if (!Identifiers.INSTALL_ID_PATTERN.matcher(id).matches()) {
            errors.add("install_id", "must be 8-128 letters, digits, dashes or underscores (a random id per install)");
        } else if (DIGITS_14_TO_17.matcher(id).matches()
                || HEX_12_OR_16.matcher(id).matches()) {
            errors.add("install_id", "looks like a hardware identifier; send a random id generated per install");
        }
        return id;
    }

    private static SemVer version(String text, String field, boolean required, FieldErrors errors) {
        if (text == null) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        try {
            return SemVer.parseLenient(text);
        } catch (InvalidVersionException e) {
            errors.add(field, e.getMessage());
            return null;
        }
    }

    private static String lowerMatching(
            String text, String field, Pattern pattern, String message, boolean required, FieldErrors errors) {
        if (text == null) {
            if (required) {
                errors.add(field, "is required");
            }
            return null;
        }
        String lower = text.strip().toLowerCase(Locale.ROOT);
        if (!pattern.matcher(lower).matches()) {
            errors.add(field, message);
        }
        return lower;
    }

    // At most 16, each like chat@2; null (not told) stays null so that nothing is refused for it.
    private static Set<String> interfaces(List<String> interfaces, FieldErrors errors) {
        if (interfaces == null) {
            return null;
        }
        if (interfaces.size() > MAX_INTERFACES) {
            errors.add("interfaces", "at most " + MAX_INTERFACES + " interfaces");
            return null;
        }
        Set<String> valid = new HashSet<>();
        for (int i = 0; i < interfaces.size(); i++) {
            String value = interfaces.get(i);
            if (value == null || !Identifiers.INTERFACE_PATTERN.matcher(value).matches()) {
                errors.add("interfaces[" + i + "]", Identifiers.INTERFACE_MESSAGE);
            } else {
                valid.add(value);
            }
        }
        return valid;
    }

    private static final int MAX_INTERFACES = 16;

    private static String text(String text, String field, FieldErrors errors) {
        if (text != null && (text.isBlank() || text.length() > MAX_TEXT)) {
            errors.add(field, "must be 1-" + MAX_TEXT + " characters");
        }
        return text == null ? null : text.strip();
    }

    private static Integer nonNegative(Integer value, String field, FieldErrors errors) {
        if (value == null) {
            errors.add(field, "is required");
        } else if (value < 0) {
            errors.add(field, "must not be negative");
        }
        return value;
    }

    private static String region(String region, FieldErrors errors) {
        if (region == null) {
            errors.add("region", "is required");
            return null;
        }
        String upper = region.strip().toUpperCase(Locale.ROOT);
        if (!REGIONS.contains(upper)) {
            errors.add("region", "must be an ISO 3166-1 alpha-2 country code, e.g. DE");
        }
        return upper;
    }

    private static Channel channel(String channel, FieldErrors errors) {
        if (channel == null) {
            errors.add("channel", "is required");
            return null;
        }
        try {
            return Channel.parse(channel);
        } catch (IllegalArgumentException e) {
            errors.add("channel", Identifiers.CHANNEL_MESSAGE);
            return null;
        }
    }

    private List<FamilyQuery> queries(List<UpdateCheckRequest.ModelQuery> models, FieldErrors errors) {
        if (models == null || models.isEmpty()) {
            errors.add("models", "must name at least one model family");
            return List.of();
        }
        if (models.size() > maxFamilies) {
            errors.add("models", "at most " + maxFamilies + " families per check");
            return List.of();
        }
        List<FamilyQuery> queries = new ArrayList<>(models.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            UpdateCheckRequest.ModelQuery m = models.get(i);
            String at = "models[" + i + "]";
            if (m == null) {
                errors.add(at, "must not be null");
                continue;
            }
            String family = m.family();
            if (family == null || !Identifiers.isFamily(family)) {
                errors.add(at + ".family", "must be 2-64 lower-case letters, digits or dashes");
            } else if (!seen.add(family)) {
                errors.add(at + ".family", "asked twice: " + family);
            }
            SemVer installed = null;
            if (m.installedVersion() != null) {
                try {
                    installed = SemVer.parse(m.installedVersion());
                } catch (InvalidVersionException e) {
                    errors.add(at + ".installed_version", e.getMessage());
                }
            }
            if (m.installedSha256() != null
                    && !Identifiers.SHA256_PATTERN.matcher(m.installedSha256()).matches()) {
                errors.add(at + ".installed_sha256", "must be 64 hexadecimal characters");
            } else if (m.installedSha256() != null && m.installedVersion() == null) {
                errors.add(at + ".installed_sha256", "given without installed_version");
            }
            if (m.preferredTier() != null
                    && !Identifiers.TIER_PATTERN.matcher(m.preferredTier()).matches()) {
                errors.add(at + ".preferred_tier", "must be 1-64 letters, digits, dots, dashes or underscores");
            }
            queries.add(new FamilyQuery(
                    family,
                    installed,
                    m.installedSha256(),
                    m.preferredTier(),
                    version(m.requestedVersion(), "models[" + i + "].requested_version", false, errors)));
        }
        return queries;
    }
}
