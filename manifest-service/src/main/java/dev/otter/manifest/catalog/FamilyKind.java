package dev.otter.manifest.catalog;

import java.util.Locale;

/**
 * What a family's versions are: {@code MODEL} weights (GGUF files per tier) or an {@code ENGINE},
 * the inference runtime that loads them (one artifact per platform/ABI, named by it). Both go
 * through the same lifecycle, rollouts, guard and rollback; a model version names the range of
 * engine versions that load it.
 */
public enum FamilyKind {
    MODEL,
    ENGINE;

    /** The name on the wire: {@code model} or {@code engine}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** From a validated wire name (any case); null means {@code model}. */
    public static FamilyKind parse(String wire) {
        return wire == null ? MODEL : valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
