package dev.otter.sdk.check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the app tells Otter about the device in each update check (and its telemetry): set what is
 * known, leave the rest out. The install id must be random per installation (never a hardware id).
 * Built fresh for each check by the app's facts provider, so free storage and network are current.
 */
public final class DeviceFacts {
    private final Map<String, Object> fields;
    private final boolean unmetered;

    private DeviceFacts(Map<String, Object> fields, boolean unmetered) {
        this.fields = fields;
        this.unmetered = unmetered;
    }

    public static Builder builder(String installId) {
        return new Builder(installId);
    }

    /** The fields as the update check sends them. */
    public Map<String, Object> fields() {
        return new LinkedHashMap<>(fields);
    }

    /** A field's value, or null. */
    public Object get(String name) {
        return fields.get(name);
    }

    public String installId() {
        return (String) fields.get("install_id");
    }

    /** Whether the device is on Wi-Fi or another unmetered network now (downloads marked wifi_only wait for it). */
    public boolean unmetered() {
        return unmetered;
    }

    /** Builds facts; each setter is one field of the update check (docs/api.md). */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private boolean unmetered;

        private Builder(String installId) {
            fields.put("install_id", installId);
        }

        public Builder appVersion(String v) {
            return put("app_version", v);
        }

        public Builder runtimeVersion(String v) {
            return put("runtime_version", v);
        }

        public Builder platform(String v) {
            return put("platform", v);
        }

        public Builder osVersion(String v) {
            return put("os_version", v);
        }

        public Builder deviceModel(String v) {
            return put("device_model", v);
        }

        public Builder ramMb(int v) {
            return put("ram_mb", v);
        }

        public Builder deviceClass(String v) {
            return put("device_class", v);
        }

        public Builder freeStorageMb(long v) {
            return put("free_storage_mb", v);
        }

        public Builder accelerator(String v) {
            return put("accelerator", v);
        }

        public Builder region(String v) {
            return put("region", v);
        }

        public Builder channel(String v) {
            return put("channel", v);
        }

        /** The tier the app prefers (e.g. {@code 3b}); without one Otter picks the most capable that fits. */
        public Builder preferredTier(String v) {
            return put("preferred_tier", v);
        }

        /** The platform/ABI engines are built for, e.g. {@code android-arm64}: needed to be offered an engine. */
        public Builder abi(String v) {
            return put("abi", v);
        }

        /**
         * The model interfaces the app can use, e.g. {@code chat@1}: Otter offers no model the app
         * cannot use (or one with the adapter it needs).
         */
        public Builder interfaces(String... v) {
            return put("interfaces", java.util.Arrays.asList(v.clone()));
        }

        public Builder unmetered(boolean v) {
            unmetered = v;
            return this;
        }

        private Builder put(String name, Object value) {
            if (value != null) {
                fields.put(name, value);
            }
            return this;
        }

        public DeviceFacts build() {
            return new DeviceFacts(new LinkedHashMap<>(fields), unmetered);
        }
    }
}
