package dev.otter.simulator.fleet;

import java.util.Map;

/**
 * How the fleet behaves. Probabilities are per device and tick; {@code crash} and {@code
 * loadFailure} are per model version (a bad release crashes more).
 *
 * @param sessionRate chance a device runs a session (uses its model) in a tick
 * @param checkRate chance a device checks for updates in a tick (time is compressed: real devices check every few hours)
 * @param wifiRate chance a device is on Wi-Fi (downloads marked wifi_only wait otherwise)
 * @param breakRate chance a download stops halfway (it resumes with a Range request)
 * @param corruptRate chance a download arrives with a flipped byte (a bad proxy; the sha256 check catches it)
 * @param resendRate chance a telemetry batch is sent twice (a client retry; must not count twice)
 * @param clock 0: devices check with {@code checkRate} per tick; above 0: they honour {@code
 *     check_again_after} on a compressed clock of this many simulated seconds per real second
 * @param streamShare share of the devices (0..1) that hold the update stream and check at once on
 *     "check now" (with {@code clock} above 0)
 * @param misbehaviour a release bad on a signal other than crashes and load failures (SEVERE
 *     errors, failed verifications, resource limits), or {@link Misbehaviour#NONE}
 * @param engineFamily the engine family the devices' apps also keep current (its build for their
 *     ABI, activated in the order Otter states), or null: the model family alone
 */
public record FleetConfig(
        String family,
        String channel,
        long seed,
        double sessionRate,
        double checkRate,
        double wifiRate,
        double breakRate,
        double corruptRate,
        double resendRate,
        Map<String, Double> crash,
        Map<String, Double> loadFailure,
        double clock,
        double streamShare,
        Misbehaviour misbehaviour,
        String engineFamily) {

    /** Whether devices honour {@code check_again_after} (on the compressed clock). */
    public boolean realisticPolling() {
        return clock > 0;
    }

    public double crashRate(String version) {
        return crash.getOrDefault(version, 0.002);
    }

    public double loadFailureRate(String version) {
        return loadFailure.getOrDefault(version, 0.0);
    }
}
