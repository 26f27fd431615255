package dev.otter.manifest.update.api;

/** Why a decision was taken: stable codes a client can switch on, with a human message beside. */
public enum Reason {
    /** UPDATE: nothing installed yet. */
    FIRST_INSTALL,
    /** UPDATE: a newer version fits the device. */
    NEWER_VERSION,
    /** UPDATE: the installed version was retired; this is its replacement. */
    REPLACES_RETIRED,
    /** UPDATE: same version, but the installed file is another tier of it than the one preferred. */
    SWITCH_TIER,
    /** UPDATE: same version, but the installed file's sha256 matches no published file: download it again. */
    REPAIR,
    /** NO_UPDATE: the device runs the version it should. */
    UP_TO_DATE,
    /** NO_UPDATE: the device runs a newer version than it would be offered; it keeps it. */
    AHEAD_OF_TARGET,
    /** NO_UPDATE: a newer version exists but the device cannot run it ({@code missing} says why). */
    NEWER_INCOMPATIBLE,
    /** NO_UPDATE: the family has no published version on the device's channel. */
    NOTHING_PUBLISHED,
    /** NO_UPDATE: the catalog has no family of this name. */
    UNKNOWN_FAMILY,
    /** ROLLBACK: the installed version's rollout was rolled back; go back to the channel's target. */
    ROLLOUT_ROLLED_BACK,
    /** ROLLBACK: the installed version was retired and the newest compatible version is older. */
    INSTALLED_RETIRED,
    /**
     * UPDATE, ROLLBACK or NO_UPDATE: the version the device asked for by name ({@code
     * requested_version}), granted to a tester or the internal channel.
     */
    REQUESTED_VERSION,
    /**
     * ROLLBACK: the engine this device will run cannot load the installed model; go back to the
     * newest version it loads (e.g. after the engine's rollout was rolled back).
     */
    ENGINE_CHANGED,
    /**
     * NO_UPDATE (engine): the engine change was held back because it would leave a model the device
     * uses with no version that engine loads. An engine rollback never strands a model.
     */
    ENGINE_HELD,
    /** UNINSTALL: the installed version was retired and no compatible version replaces it. */
    RETIRED,
    /** INCOMPATIBLE: the device lacks what every candidate needs. */
    DEVICE_REQUIREMENTS,
    /**
     * INCOMPATIBLE: the app supports none of the interfaces the candidates implement, and no adapter
     * for its interfaces is attached ({@code missing} names them).
     */
    INTERFACE_UNSUPPORTED,
    /** INCOMPATIBLE: no candidate loads on the engine this device has or will have. */
    ENGINE_UNSUPPORTED
}
